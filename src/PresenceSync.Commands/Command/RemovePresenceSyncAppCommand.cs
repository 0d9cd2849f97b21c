using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Forgets one of a unit's apps and its stored credential: first clears, through that app, the
    /// presence sessions it holds, then moves its agents to the unit's other apps. The app in the
    /// tenant is not deleted.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceSyncApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceSyncAppCommand : BusinessUnitCmdlet
    {
        /// <summary>The app to remove; may be left out when the unit has one app.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AppClientIdCompleter))]
        [Alias("AppId")]
        public string? ClientId { get; set; }

        /// <summary>Forget the app even when some of its presence sessions cannot be cleared (Teams drops them when they expire, within 4 hours).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process() =>
            RunAsync(ct => new AppRemover(Context).RemoveAsync(BusinessUnit, ClientId, Force, ct));
    }
}
