using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Shows what the sync holds per agent: the ACD state with its reason, call type and time, and
    /// the Teams presence last written (and through which app). Reads the store only, so it works
    /// beside a running Start-PresenceSync in another session.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PresenceAgentState")]
    [OutputType(typeof(PresenceAgentState))]
    public sealed class GetPresenceAgentStateCommand : BusinessUnitCmdlet
    {
        /// <summary>Only these agents; wildcards (*, ?, [a-c]) unless -LiteralAgentId.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string? AgentId { get; set; }

        /// <summary>Takes -AgentId as it is: an id that holds *, ? or [ is not a pattern.</summary>
        [Parameter]
        public SwitchParameter LiteralAgentId { get; set; }

        protected override void Process()
        {
            foreach (var state in new AgentStateService(Context).Get(BusinessUnit, AgentId, LiteralAgentId)) WriteObject(state);
        }
    }
}
