using System.Collections.Generic;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// A unit's rule assignments indexed by subject under the key rule, built once per load, so
    /// resolving the rule of each of 100,000 agents is a few dictionary look-ups instead of a scan
    /// of every assignment per agent.
    /// </summary>
    public sealed class AssignmentIndex
    {
        private readonly Dictionary<string, PresenceRuleAssignment> _byAgent = new Dictionary<string, PresenceRuleAssignment>(KeyComparer.Instance);
        private readonly Dictionary<string, PresenceRuleAssignment> _byTeam = new Dictionary<string, PresenceRuleAssignment>(KeyComparer.Instance);

        public AssignmentIndex(IEnumerable<PresenceRuleAssignment> assignments)
        {
            foreach (var a in assignments)
            {
                switch (a.ScopeValue)
                {
                    case AssignmentScope.Agent when a.Subject != null:
                        if (!_byAgent.ContainsKey(a.Subject)) _byAgent[a.Subject] = a;
                        break;
                    case AssignmentScope.Team when a.Subject != null:
                        if (!_byTeam.ContainsKey(a.Subject)) _byTeam[a.Subject] = a;
                        break;
                    case AssignmentScope.Default:
                        UnitDefault ??= a;
                        break;
                }
            }
        }

        public PresenceRuleAssignment? UnitDefault { get; }

        public PresenceRuleAssignment? ForAgent(string agentId) => _byAgent.TryGetValue(agentId, out var a) ? a : null;

        public PresenceRuleAssignment? ForTeam(string team) => _byTeam.TryGetValue(team, out var a) ? a : null;
    }
}
