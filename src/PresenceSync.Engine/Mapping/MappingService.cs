using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.TeamsDirectory;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Mapping
{
    /// <summary>Manual mapping, remapping, removal and listing. Every change is one transaction.</summary>
    public sealed class MappingService
    {
        private readonly EngineContext _context;

        public MappingService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceUserMapping> Get(string? businessUnit, string? agentIdPattern)
        {
            var all = _context.Store.Read((c, tx) => MappingRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (string.IsNullOrEmpty(agentIdPattern)) return all;
            var pattern = new WildcardPattern(agentIdPattern!, sets: false);
            var found = all.Where(m => pattern.IsMatch(m.AgentId)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards)
                _context.Error(ErrorIds.MappingNotFound, ErrorKind.ObjectNotFound, $"Agent '{agentIdPattern}' is not mapped.", agentIdPattern);
            return found;
        }

        public IReadOnlyList<PresenceAgent> GetUnmapped(string? businessUnit) =>
            _context.Store.Read((c, tx) => AgentRepository.Unmapped(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));

        /// <summary>Maps an agent by hand. Refuses when either side is already mapped.</summary>
        public PresenceUserMapping? Add(string? businessUnit, string agentId, string teamsUser) =>
            Change(businessUnit, agentId, teamsUser, remap: false);

        /// <summary>Points an existing mapping at another Teams user; the result is a manual mapping.</summary>
        public PresenceUserMapping? Set(string? businessUnit, string agentId, string teamsUser) =>
            Change(businessUnit, agentId, teamsUser, remap: true);

        public bool Remove(string? businessUnit, string agentId)
        {
            var (unit, mapping) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, MappingRepository.ForAgent(c, tx, u, AgentRepository.StoredId(c, tx, u, agentId) ?? agentId));
            });
            if (mapping == null)
            {
                _context.Error(ErrorIds.MappingNotFound, ErrorKind.ObjectNotFound, $"Agent '{agentId}' is not mapped in business unit '{unit.Name}'.", agentId);
                return false;
            }
            if (!_context.Host.ShouldProcess(mapping.ToString(), "Remove mapping")) return false;
            _context.Store.Write((c, tx) => MappingRepository.Delete(c, tx, unit, mapping.AgentId));
            return true;
        }

        private PresenceUserMapping? Change(string? businessUnit, string agentId, string teamsUser, bool remap)
        {
            // Resolve and check first without holding the write lock across the confirmation prompt.
            var plan = _context.Store.Read((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, businessUnit);
                var agent = AgentRepository.Find(c, tx, unit, agentId)
                    ?? throw EngineContext.Fail(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound,
                        $"There is no agent '{agentId}' in business unit '{unit.Name}'.", agentId,
                        "Import the agent first with Import-PresenceAgent.");
                var user = TeamsDirectoryService.Resolve(c, tx, unit, teamsUser);
                return (Unit: unit, Agent: agent, User: user);
            });
            var action = remap ? $"Remap to Teams user '{plan.User.UserPrincipalName}'" : $"Map to Teams user '{plan.User.UserPrincipalName}'";
            if (!_context.Host.ShouldProcess($"{plan.Agent.AgentId} ({plan.Agent.Email})", action)) return null;

            return _context.Store.Write((c, tx) =>
            {
                var current = MappingRepository.ForAgent(c, tx, plan.Unit, plan.Agent.AgentId);
                if (!remap && current != null)
                {
                    throw EngineContext.Fail(ErrorIds.AgentAlreadyMapped, ErrorKind.ResourceExists,
                        $"Agent '{plan.Agent.AgentId}' is already mapped to '{current.UserPrincipalName ?? current.TeamsUserId.ToString()}'.",
                        plan.Agent, "Use Set-PresenceUserMapping to remap it.");
                }
                if (remap && current == null)
                {
                    throw EngineContext.Fail(ErrorIds.MappingNotFound, ErrorKind.ObjectNotFound,
                        $"Agent '{plan.Agent.AgentId}' is not mapped yet.", plan.Agent, "Use Add-PresenceUserMapping to map it.");
                }
                var holder = MappingRepository.ForTeamsUser(c, tx, plan.Unit, plan.User.Id);
                if (holder != null && !string.Equals(holder.AgentId, plan.Agent.AgentId, System.StringComparison.OrdinalIgnoreCase))
                {
                    throw EngineContext.Fail(ErrorIds.TeamsUserAlreadyMapped, ErrorKind.ResourceExists,
                        $"The Teams user '{plan.User.UserPrincipalName}' is already mapped to agent '{holder.AgentId}'.",
                        plan.User, "Remove or remap that agent first.");
                }
                if (remap) MappingRepository.Update(c, tx, plan.Unit, plan.Agent.AgentId, plan.User.Id, _context.Now);
                else MappingRepository.Insert(c, tx, plan.Unit, plan.Agent.AgentId, plan.User.Id, MappingSource.Manual, MatchKind.Manual, _context.Now);
                return MappingRepository.ForAgent(c, tx, plan.Unit, plan.Agent.AgentId);
            });
        }
    }
}
