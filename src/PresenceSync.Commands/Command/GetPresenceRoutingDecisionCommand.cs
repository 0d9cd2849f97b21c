using System.Collections.Generic;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// May each agent be offered a contact of each service now, and why (not)? Decides from the
    /// Teams state the sync last saw, or with -Refresh from a Teams read made now.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRoutingDecision")]
    [OutputType(typeof(PresenceRoutingDecision))]
    public sealed class GetPresenceRoutingDecisionCommand : BusinessUnitCmdlet
    {
        private readonly List<string> _agents = new List<string>();
        private string? _unit;

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        [SupportsWildcards]
        public string? Service { get; set; }

        [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string[]? AgentId { get; set; }

        /// <summary>Only the agents that may be offered a contact.</summary>
        [Parameter]
        public SwitchParameter Routable { get; set; }

        /// <summary>Read the agents' Teams presence now instead of using what the sync last saw.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void Process()
        {
            _unit ??= BusinessUnit;
            if (AgentId != null) _agents.AddRange(AgentId);
        }

        protected override void End() =>
            RunAsync(async ct =>
            {
                var decisions = await new RoutingDecisionService(Context).DecideAsync(_unit, Service, _agents, Refresh, ct).ConfigureAwait(false);
                foreach (var decision in decisions)
                    if (!Routable || decision.Routable) Context.Host.WriteObject(decision);
            });
    }
}
