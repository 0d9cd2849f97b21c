using System.Management.Automation;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;

namespace PresenceSync.Commands.Command
{
    /// <summary>Chooses the store this PowerShell session uses (a file, or a folder to hold presencesync.db).</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceSyncStore", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(PresenceStoreInfo))]
    public sealed class SetPresenceSyncStoreCommand : PresenceSyncCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Go back to PRESENCESYNC_STORE or the per-user default.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Reset")]
        public SwitchParameter Reset { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ModuleSession.Current;
            var wanted = Reset ? null : StoreLocation.Normalize(GetUnresolvedProviderPathFromPSPath(Path));
            if (!ShouldProcess(wanted ?? "the default store", "Use PresenceSync store")) return;
            // Open (and create or migrate) the new store before switching. A failure leaves no store set:
            // later commands fail with StoreNotSet until a Set-PresenceSyncStore succeeds, rather than
            // quietly writing to the store the user just tried to leave.
            session.FailedStorePath = null;
            session.StorePath = wanted;
            PresenceStore store;
            string source;
            try
            {
                (store, source) = session.ResolveStore();
                _ = store.SchemaVersion;
            }
            catch
            {
                session.FailedStorePath = wanted ?? StoreLocation.DefaultPath();
                throw;
            }
            WriteVerbose($"PresenceSync store: {store.Path} (schema version {store.SchemaVersion}).");
            if (PassThru) WriteObject(StoreInfo.Of(store, source));
        }
    }
}
