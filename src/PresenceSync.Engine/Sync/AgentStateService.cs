using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync
{
    /// <summary>Reads what the sync holds per agent (agent_sync, the event behind the state, the agent's app); read-only.</summary>
    public sealed class AgentStateService
    {
        private readonly EngineContext _context;

        public AgentStateService(EngineContext context) => _context = context;

        /// <param name="agentIdPattern">An agent id, with wildcards unless <paramref name="literal"/>.</param>
        public IReadOnlyList<PresenceAgentState> Get(string? businessUnit, string? agentIdPattern, bool literal)
        {
            var (unitName, states) = _context.Store.Read((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, businessUnit);
                var list = new List<PresenceAgentState>();
                foreach (var s in AgentSyncRepository.All(c, tx, unit).Values.OrderBy(v => v.AgentId, System.StringComparer.OrdinalIgnoreCase))
                {
                    string? reason = null, callType = null;
                    if (s.AcdEventId is long eventId)
                    {
                        var row = Db.Query(c, tx, "SELECT reason, call_type FROM sync_event WHERE id = $e",
                            r => (Db.NullableString(r, 0), Db.NullableString(r, 1)), ("$e", eventId));
                        if (row.Count > 0) (reason, callType) = row[0];
                    }
                    list.Add(new PresenceAgentState(unit.Name, s, reason, callType, AppAssignment.Peek(c, tx, unit, s.AgentId)?.ClientId));
                }
                return (unit.Name, list);
            });
            if (string.IsNullOrEmpty(agentIdPattern)) return states;
            var pattern = literal ? null : new WildcardPattern(agentIdPattern!);
            var found = states.Where(s => pattern?.IsMatch(s.AgentId)
                ?? string.Equals(s.AgentId, agentIdPattern, System.StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0 && (literal || !pattern!.HasWildcards))
                _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound,
                    $"The sync holds no state for agent '{agentIdPattern}' in business unit '{unitName}' (no ACD event recorded for it yet, or no such agent).", agentIdPattern);
            return found;
        }
    }
}
