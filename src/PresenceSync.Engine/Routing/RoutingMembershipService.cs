using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Routing
{
    /// <summary>The "why" of routing: which services an agent belongs to and which policy decides for it in each.</summary>
    public sealed class RoutingMembershipService
    {
        private readonly EngineContext _context;

        public RoutingMembershipService(EngineContext context) => _context = context;

        /// <summary>For every service matching <paramref name="servicePattern"/> (all when null), members and not.</summary>
        public IReadOnlyList<PresenceEffectiveRoutingPolicy> Resolve(string? businessUnit, string agentId, string? servicePattern)
        {
            var config = _context.Store.Read((c, tx) => RoutingConfiguration.Load(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            var agent = config.Agents.FirstOrDefault(a => string.Equals(a.AgentId, agentId, StringComparison.OrdinalIgnoreCase));
            if (agent == null)
            {
                _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{agentId}' in business unit '{config.Unit.Name}'.", agentId);
                return Array.Empty<PresenceEffectiveRoutingPolicy>();
            }
            var services = RoutingDecisionService.Select(_context, config, servicePattern);
            return services.Select(s => config.Resolve(s, agent)).ToList();
        }
    }
}
