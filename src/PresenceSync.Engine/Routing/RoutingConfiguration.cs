using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// A unit's routing configuration read in one go: services, policies, assignments and agents.
    /// It answers which agents belong to a service and which policy decides for each, with the
    /// same precedence as rules: the agent's own assignment, else its team with the lowest
    /// priority (two teams tied with different policies decide nothing), else not a member.
    /// </summary>
    internal sealed class RoutingConfiguration
    {
        private readonly Dictionary<string, PresenceRoutingPolicy> _policies;
        private readonly ILookup<string, PresenceRoutingAssignment> _byService;

        private RoutingConfiguration(PresenceBusinessUnit unit, List<PresenceRoutingService> services, List<PresenceRoutingPolicy> policies,
            List<PresenceRoutingAssignment> assignments, List<PresenceAgent> agents)
        {
            Unit = unit;
            Services = services;
            Agents = agents;
            _policies = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            _byService = assignments.ToLookup(a => a.Service, StringComparer.OrdinalIgnoreCase);
        }

        public PresenceBusinessUnit Unit { get; }
        public IReadOnlyList<PresenceRoutingService> Services { get; }
        public IReadOnlyList<PresenceAgent> Agents { get; }

        public static RoutingConfiguration Load(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            new RoutingConfiguration(unit, RoutingServiceRepository.All(c, tx, unit), RoutingPolicyRepository.All(c, tx, unit),
                RoutingAssignmentRepository.All(c, tx, unit), AgentRepository.All(c, tx, unit));

        public PresenceRoutingPolicy? Policy(string? name) => name != null && _policies.TryGetValue(name, out var p) ? p : null;

        /// <summary>Every member of the service with the policy that decides for it.</summary>
        public IEnumerable<(PresenceAgent Agent, PresenceEffectiveRoutingPolicy Effective)> Members(PresenceRoutingService service)
        {
            foreach (var agent in Agents)
            {
                var effective = Resolve(service, agent);
                if (effective.Member) yield return (agent, effective);
            }
        }

        public PresenceEffectiveRoutingPolicy Resolve(PresenceRoutingService service, PresenceAgent agent)
        {
            var assignments = _byService[service.Name];
            var own = assignments.FirstOrDefault(a => a.Scope == RoutingScopes.Agent && Same(a.Subject, agent.AgentId));
            if (own != null)
            {
                var policy = own.Policy ?? service.Policy;
                var whose = own.Policy != null ? "its own" : "the service's";
                return Result(service, agent, policy, RoutingScopes.Agent, null,
                    $"Agent '{agent.AgentId}' is assigned to service '{service.Name}' itself; {whose} policy '{policy}' decides.");
            }
            var teamHits = assignments.Where(a => a.Scope == RoutingScopes.Team && agent.Teams.Any(t => Same(t, a.Subject))).ToList();
            if (teamHits.Count > 0)
            {
                var best = teamHits.Min(a => a.Priority);
                var winners = teamHits.Where(a => a.Priority == best).ToList();
                if (winners.Select(a => a.Policy ?? service.Policy).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
                {
                    var list = string.Join(", ", winners.Select(w => $"team '{w.Subject}' has policy '{w.Policy ?? service.Policy}'"));
                    return new PresenceEffectiveRoutingPolicy(Unit.Name, service.Name, agent.AgentId, true, null, RoutingScopes.Team, null,
                        $"Ambiguous: {list}, all at priority {best}. Give one a lower -Priority or assign the agent itself.");
                }
                var winner = winners[0];
                var policy = winner.Policy ?? service.Policy;
                var others = teamHits.Count > 1 ? $" (beats {teamHits.Count - 1} other team assignments by priority {best})" : string.Empty;
                return Result(service, agent, policy, RoutingScopes.Team, winner.Subject,
                    $"Agent '{agent.AgentId}' is in service '{service.Name}' through ACD team '{winner.Subject}'{others}; policy '{policy}' decides.");
            }
            var teams = agent.Teams.Count == 0 ? "none" : string.Join(", ", agent.Teams);
            return new PresenceEffectiveRoutingPolicy(Unit.Name, service.Name, agent.AgentId, false, null, null, null,
                $"Neither agent '{agent.AgentId}' nor its teams ({teams}) are assigned to service '{service.Name}'.");
        }

        private PresenceEffectiveRoutingPolicy Result(PresenceRoutingService service, PresenceAgent agent, string policy, string scope, string? via, string reason) =>
            new PresenceEffectiveRoutingPolicy(Unit.Name, service.Name, agent.AgentId, true, policy, scope, via, reason);

        private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
