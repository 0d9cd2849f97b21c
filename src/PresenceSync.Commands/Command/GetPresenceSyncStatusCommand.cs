using System.Management.Automation;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Commands.Command
{
    /// <summary>Per business unit: last pass, agents in sync, held by a manual status, pending writes, Graph budget, errors.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSyncStatus")]
    [OutputType(typeof(PresenceSyncStatus))]
    public sealed class GetPresenceSyncStatusCommand : BusinessUnitCmdlet
    {
        protected override void Process()
        {
            foreach (var status in new SyncReports(Context).Status(BusinessUnit)) WriteObject(status);
        }
    }
}
