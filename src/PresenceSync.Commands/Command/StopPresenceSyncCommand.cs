using System.Management.Automation;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Commands.Command
{
    /// <summary>Asks the sync running on this store (in any session or process) to stop after its current pass.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "PresenceSync", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class StopPresenceSyncCommand : PresenceSyncCmdlet
    {
        protected override void Process() => new SyncReports(Context).RequestStop();
    }
}
