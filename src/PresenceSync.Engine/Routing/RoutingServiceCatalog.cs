using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Routing
{
    /// <summary>Creates, changes, lists and removes routing services (queues), each with its policy.</summary>
    public sealed class RoutingServiceCatalog
    {
        private readonly EngineContext _context;

        public RoutingServiceCatalog(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceRoutingService> Get(string? businessUnit, string? namePattern)
        {
            var all = _context.Store.Read((c, tx) => RoutingServiceRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (string.IsNullOrEmpty(namePattern)) return all;
            var pattern = new WildcardPattern(namePattern!);
            var found = all.Where(s => pattern.IsMatch(s.Name)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards) _context.Host.WriteError(NotFound(namePattern).Error);
            return found;
        }

        public PresenceRoutingService? New(string? businessUnit, string name, string policy, string? description)
        {
            var checkedName = RoutingPolicyService.CheckName(name, RoutingErrorIds.InvalidRoutingServiceName, "routing service");
            var (unit, policyId) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                if (RoutingServiceRepository.FindId(c, tx, u, checkedName) != null) throw Exists(checkedName);
                return (u, RoutingPolicyRepository.FindId(c, tx, u, policy) ?? throw RoutingPolicyService.NotFound(policy));
            });
            if (!_context.Host.ShouldProcess(checkedName, $"Create routing service with policy '{policy}'")) return null;
            return _context.Store.Write((c, tx) =>
            {
                if (RoutingServiceRepository.FindId(c, tx, unit, checkedName) != null) throw Exists(checkedName);
                RoutingServiceRepository.Insert(c, tx, unit, checkedName, policyId, description, _context.Now);
                return RoutingServiceRepository.Find(c, tx, unit, checkedName);
            });
        }

        public PresenceRoutingService? Set(string? businessUnit, string name, string? newName, string? policy, string? description)
        {
            var (unit, id, current, policyId) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var s = RoutingServiceRepository.Find(c, tx, u, name) ?? throw NotFound(name);
                var p = RoutingPolicyRepository.FindId(c, tx, u, policy ?? s.Policy) ?? throw RoutingPolicyService.NotFound(policy);
                return (u, RoutingServiceRepository.FindId(c, tx, u, name)!.Value, s, p);
            });
            var finalName = newName != null ? RoutingPolicyService.CheckName(newName, RoutingErrorIds.InvalidRoutingServiceName, "routing service") : current.Name;
            if (!_context.Host.ShouldProcess(current.Name, "Change routing service")) return null;
            return _context.Store.Write((c, tx) =>
            {
                var clash = RoutingServiceRepository.FindId(c, tx, unit, finalName);
                if (clash != null && clash != id) throw Exists(finalName);
                RoutingServiceRepository.Update(c, tx, id, finalName, policyId, description ?? current.Description, _context.Now);
                return RoutingServiceRepository.Find(c, tx, unit, finalName);
            });
        }

        public bool Remove(string? businessUnit, string name, bool force)
        {
            var (id, uses) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var serviceId = RoutingServiceRepository.FindId(c, tx, u, name) ?? throw NotFound(name);
                return (serviceId, RoutingAssignmentRepository.CountForService(c, tx, serviceId));
            });
            if (uses > 0 && !force)
            {
                _context.Error(RoutingErrorIds.RoutingServiceInUse, ErrorKind.InvalidOperation,
                    $"The routing service '{name}' has {uses} assignments.", name, "Remove the assignments first, or use -Force to remove them with the service.");
                return false;
            }
            if (!_context.Host.ShouldProcess(name, uses > 0 ? $"Remove routing service and its {uses} assignments" : "Remove routing service")) return false;
            _context.Store.Write((c, tx) => { RoutingServiceRepository.Delete(c, tx, id); return true; });
            return true;
        }

        private static PresenceSyncException Exists(string name) =>
            EngineContext.Fail(RoutingErrorIds.RoutingServiceExists, ErrorKind.ResourceExists, $"A routing service named '{name}' already exists.", name,
                "Change it with Set-PresenceRoutingService, or choose another name.");

        internal static PresenceSyncException NotFound(string? name) =>
            EngineContext.Fail(RoutingErrorIds.RoutingServiceNotFound, ErrorKind.ObjectNotFound, $"There is no routing service named '{name}'.", name,
                "List the services with Get-PresenceRoutingService.");
    }
}
