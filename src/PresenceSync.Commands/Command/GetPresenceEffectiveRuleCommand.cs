using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Says which rule governs each agent and why: its own assignment, a team's, the unit default, or none.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceEffectiveRule")]
    [OutputType(typeof(PresenceEffectiveRule))]
    public sealed class GetPresenceEffectiveRuleCommand : BusinessUnitCmdlet
    {
        /// <summary>The agent; without it (and without pipeline input) every agent of the unit.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string? AgentId { get; set; }

        private EffectiveRuleLookup? _lookup;

        protected override void Process()
        {
            // One lookup for the whole pipeline: assignments (and, for many agents, the agents) are read once.
            _lookup ??= new EffectiveRuleLookup(Context);
            if (string.IsNullOrEmpty(AgentId) && !MyInvocation.ExpectingInput)
            {
                // No agent named: the whole unit, from one read of its agents and assignments.
                foreach (var rule in _lookup.All(BusinessUnit)) WriteObject(rule);
                return;
            }
            var effective = _lookup.Resolve(BusinessUnit, AgentId!);
            if (effective != null) WriteObject(effective);
        }
    }
}
