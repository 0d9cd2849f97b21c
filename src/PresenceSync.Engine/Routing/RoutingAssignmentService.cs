using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Routing
{
    /// <summary>Assigns agents and ACD teams to routing services, optionally with a policy of their own.</summary>
    public sealed class RoutingAssignmentService
    {
        private readonly EngineContext _context;

        public RoutingAssignmentService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceRoutingAssignment> Get(string? businessUnit, string? servicePattern, string? scope, string? subjectPattern)
        {
            IEnumerable<PresenceRoutingAssignment> all = _context.Store.Read((c, tx) =>
                RoutingAssignmentRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (!string.IsNullOrEmpty(servicePattern)) all = all.Where(a => new WildcardPattern(servicePattern!).IsMatch(a.Service));
            if (scope != null) all = all.Where(a => a.Scope == scope);
            if (!string.IsNullOrEmpty(subjectPattern)) all = all.Where(a => new WildcardPattern(subjectPattern!).IsMatch(a.Subject));
            return all.ToList();
        }

        /// <summary>Assigns; an existing assignment of the same agent or team to the service is replaced only with force.</summary>
        public PresenceRoutingAssignment? Add(string? businessUnit, string service, string scope, string subject, string? policy, int priority, bool force)
        {
            var key = (subject ?? string.Empty).Trim();
            if (key.Length == 0)
                throw EngineContext.Fail(ErrorIds.MissingAssignmentSubject, ErrorKind.InvalidArgument, $"An assignment to a {scope} needs its name.", subject);
            var (unit, serviceId, policyId, exists) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var s = RoutingServiceRepository.FindId(c, tx, u, service) ?? throw RoutingServiceCatalog.NotFound(service);
                long? p = policy == null ? (long?)null : RoutingPolicyRepository.FindId(c, tx, u, policy) ?? throw RoutingPolicyService.NotFound(policy);
                if (scope == RoutingScopes.Agent && AgentRepository.Find(c, tx, u, key) == null)
                    throw EngineContext.Fail(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{key}' in business unit '{u.Name}'.", key);
                if (scope == RoutingScopes.Team && !AgentRepository.AllTeams(c, tx, u).Contains(key, StringComparer.OrdinalIgnoreCase))
                    _context.Host.WriteWarning($"No agent is in the ACD team '{key}' yet; the assignment applies once agents join it.");
                return (u, s, p, RoutingAssignmentRepository.Exists(c, tx, s, scope, key));
            });
            var label = $"{scope} '{key}' in service '{service}'";
            if (exists && !force)
            {
                _context.Error(RoutingErrorIds.RoutingAssignmentExists, ErrorKind.ResourceExists, $"{label} is already assigned.", key,
                    "Use -Force to replace it, or Remove-PresenceRoutingAssignment first.");
                return null;
            }
            if (!_context.Host.ShouldProcess(label, exists ? "Replace routing assignment" : "Assign to routing service")) return null;
            return _context.Store.Write((c, tx) =>
            {
                RoutingAssignmentRepository.Upsert(c, tx, serviceId, scope, key, policyId, priority, _context.Now);
                return RoutingAssignmentRepository.All(c, tx, unit).First(a => string.Equals(a.Service, service, StringComparison.OrdinalIgnoreCase)
                    && a.Scope == scope && string.Equals(a.Subject, key, StringComparison.OrdinalIgnoreCase));
            });
        }

        public bool Remove(string? businessUnit, string service, string scope, string subject)
        {
            var key = (subject ?? string.Empty).Trim();
            var (serviceId, exists) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var s = RoutingServiceRepository.FindId(c, tx, u, service) ?? throw RoutingServiceCatalog.NotFound(service);
                return (s, RoutingAssignmentRepository.Exists(c, tx, s, scope, key));
            });
            var label = $"{scope} '{key}' in service '{service}'";
            if (!exists)
            {
                _context.Error(RoutingErrorIds.RoutingAssignmentNotFound, ErrorKind.ObjectNotFound, $"{label} is not assigned.", key);
                return false;
            }
            if (!_context.Host.ShouldProcess(label, "Remove routing assignment")) return false;
            _context.Store.Write((c, tx) => RoutingAssignmentRepository.Delete(c, tx, serviceId, scope, key));
            return true;
        }
    }
}
