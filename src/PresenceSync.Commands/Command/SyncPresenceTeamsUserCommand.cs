using System.Management.Automation;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Reads the Teams directory from Graph into the store: everything the first time (or with
    /// -Full), only the changes after that. Disabled and deleted users are flagged and the
    /// mappings that point at them reported.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "PresenceTeamsUser", SupportsShouldProcess = true)]
    [OutputType(typeof(DirectorySyncResult))]
    public sealed class SyncPresenceTeamsUserCommand : BusinessUnitCmdlet
    {
        /// <summary>Read the whole directory again instead of the changes since the last run.</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        protected override void Process()
        {
            if (!ShouldProcess(BusinessUnit ?? "Default", Full ? "Read the whole Teams directory into the store" : "Read Teams directory changes into the store")) return;
            RunAsync(async ct => Context.Host.WriteObject(await new DirectorySync(Context).RunAsync(BusinessUnit, Full, ct).ConfigureAwait(false)));
        }
    }
}
