using System;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// The audit trail: every change the sync made, with its direction, source event, rule and row,
    /// before and after, what Graph or the ACD answered, and the latency.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PresenceSyncHistory")]
    [OutputType(typeof(SyncHistoryEntry))]
    public sealed class GetPresenceSyncHistoryCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string? AgentId { get; set; }

        [Parameter]
        [ValidateSet("ToTeams", "ToAcd", "Manual", "Info", "Refused")]
        public string? Direction { get; set; }

        [Parameter]
        public DateTime? Since { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Last { get; set; }

        protected override void Process()
        {
            foreach (var entry in new SyncReports(Context).History(BusinessUnit, AgentId, Direction, Since?.ToUniversalTime(), Last)) WriteObject(entry);
        }
    }
}
