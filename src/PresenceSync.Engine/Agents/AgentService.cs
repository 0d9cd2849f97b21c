using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Agents
{
    /// <summary>Lists and removes agents.</summary>
    public sealed class AgentService
    {
        private readonly EngineContext _context;

        public AgentService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceAgent> Get(string? businessUnit, string? agentIdPattern, string? teamPattern)
        {
            var agents = _context.Store.Read((c, tx) =>
                AgentRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            IEnumerable<PresenceAgent> query = agents;
            if (!string.IsNullOrEmpty(agentIdPattern))
            {
                // Agent ids come from ACDs and may hold brackets: only * and ? are wildcards here.
                var pattern = new WildcardPattern(agentIdPattern!, sets: false);
                query = query.Where(a => pattern.IsMatch(a.AgentId));
                if (!pattern.HasWildcards && !query.Any())
                {
                    _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound,
                        $"There is no agent '{agentIdPattern}' in business unit '{businessUnit ?? PresenceBusinessUnit.DefaultName}'.", agentIdPattern);
                }
            }
            if (!string.IsNullOrEmpty(teamPattern))
            {
                var pattern = new WildcardPattern(teamPattern!);
                query = query.Where(a => a.Teams.Any(pattern.IsMatch));
            }
            return query.ToList();
        }

        public bool Remove(string? businessUnit, string agentId)
        {
            var (unit, agent) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AgentRepository.Find(c, tx, u, agentId));
            });
            if (agent == null)
            {
                _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound,
                    $"There is no agent '{agentId}' in business unit '{unit.Name}'.", agentId);
                return false;
            }
            if (!_context.Host.ShouldProcess($"{agent.AgentId} ({agent.Name ?? agent.Email})", "Remove agent, its mapping and its own rule assignment"))
                return false;
            _context.Store.Write((c, tx) => { AgentRepository.Delete(c, tx, unit, agent.AgentId); return true; });
            return true;
        }

        public IReadOnlyList<string> Teams(string? businessUnit) =>
            _context.Store.Read((c, tx) => AgentRepository.AllTeams(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
    }
}
