using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// Decides which rule governs an agent: the agent's own assignment, else the best team
    /// assignment (lowest priority number), else the business unit's default. Two teams tied on
    /// priority with different rules are reported, never settled by chance.
    /// </summary>
    public sealed class EffectiveRuleResolver
    {
        private readonly EngineContext _context;

        public EffectiveRuleResolver(EngineContext context) => _context = context;

        public PresenceEffectiveRule? Resolve(string? businessUnit, string agentId)
        {
            var (unit, agent, assignments) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AgentRepository.Find(c, tx, u, agentId), AssignmentRepository.All(c, tx, u));
            });
            if (agent == null)
            {
                _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{agentId}' in business unit '{unit.Name}'.", agentId);
                return null;
            }
            return Resolve(agent, assignments);
        }

        public static PresenceEffectiveRule Resolve(PresenceAgent agent, IReadOnlyList<PresenceRuleAssignment> assignments) =>
            Resolve(agent, new AssignmentIndex(assignments));

        public static PresenceEffectiveRule Resolve(PresenceAgent agent, AssignmentIndex assignments)
        {
            var own = assignments.ForAgent(agent.AgentId);
            if (own != null)
                return Result(agent, own, null, $"Rule '{own.Rule}' is assigned to agent '{agent.AgentId}' itself.");

            var teamHits = agent.Teams.Distinct(KeyComparer.Instance).Select(assignments.ForTeam).Where(a => a != null).Select(a => a!)
                .OrderBy(a => a.Priority).ThenBy(a => a.Subject, StringComparer.OrdinalIgnoreCase).ToList(); // the store's order
            if (teamHits.Count > 0)
            {
                var best = teamHits.Min(a => a.Priority);
                var winners = teamHits.Where(a => a.Priority == best).ToList();
                if (winners.Select(a => a.Rule).Distinct(KeyComparer.Instance).Count() > 1)
                {
                    var list = string.Join(", ", winners.Select(w => $"team '{w.Subject}' has rule '{w.Rule}'"));
                    return new PresenceEffectiveRule(agent.BusinessUnit, agent.AgentId, null, null, null,
                        $"Ambiguous: {list}, all at priority {best}. Give one a lower -Priority or assign a rule to the agent.");
                }
                var winner = winners[0];
                var others = teamHits.Count > 1 ? $" (beats {teamHits.Count - 1} other team assignments by priority {best})" : string.Empty;
                return Result(agent, winner, winner.Subject, $"Rule '{winner.Rule}' is assigned to ACD team '{winner.Subject}'{others}.");
            }

            var unitDefault = assignments.UnitDefault;
            if (unitDefault != null)
                return Result(agent, unitDefault, null, $"Rule '{unitDefault.Rule}' is the default of business unit '{agent.BusinessUnit}'.");

            var teams = agent.Teams.Count == 0 ? "none" : string.Join(", ", agent.Teams);
            return new PresenceEffectiveRule(agent.BusinessUnit, agent.AgentId, null, null, null,
                $"No rule is assigned to the agent, its teams ({teams}) or business unit '{agent.BusinessUnit}'.");
        }

        private static PresenceEffectiveRule Result(PresenceAgent agent, PresenceRuleAssignment a, string? via, string reason) =>
            new PresenceEffectiveRule(agent.BusinessUnit, agent.AgentId, a.Rule, a.ScopeValue, via, reason);
    }
}
