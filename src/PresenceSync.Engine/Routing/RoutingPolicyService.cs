using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Routing
{
    /// <summary>Creates, changes, lists and removes routing policies; a policy with its rows is one transaction.</summary>
    public sealed class RoutingPolicyService
    {
        internal static readonly Regex ValidName = new Regex(@"^[\w][\w .\-]{0,63}$", RegexOptions.CultureInvariant);
        private readonly EngineContext _context;

        public RoutingPolicyService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceRoutingPolicy> Get(string? businessUnit, string? namePattern)
        {
            var all = _context.Store.Read((c, tx) => RoutingPolicyRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (string.IsNullOrEmpty(namePattern)) return all;
            var pattern = new WildcardPattern(namePattern!);
            var found = all.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards) _context.Host.WriteError(NotFound(namePattern).Error);
            return found;
        }

        public PresenceRoutingPolicy? New(string? businessUnit, RoutingPolicyChange change)
        {
            var name = CheckName(change.Name, RoutingErrorIds.InvalidRoutingPolicyName, "routing policy");
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, businessUnit));
            var now = _context.Clock.UtcNow;
            var policy = Build(unit.Name, name, change.Description, change.Rows, change.Default ?? RoutingDecisions.DoNotRoute, change.AcdContactStates,
                change.MaxTeamsAge, change.WhenStale ?? RoutingDecisions.KeepLast, change.FallbackRows, now, now);
            if (_context.Store.Read((c, tx) => RoutingPolicyRepository.FindId(c, tx, unit, name)) != null) throw Exists(name);
            if (!_context.Host.ShouldProcess(name, $"Create routing policy with {policy.Rows.Count} rows")) return null;
            return _context.Store.Write((c, tx) =>
            {
                if (RoutingPolicyRepository.FindId(c, tx, unit, name) != null) throw Exists(name);
                RoutingPolicyRepository.Save(c, tx, unit, null, policy, _context.Now);
                return RoutingPolicyRepository.Find(c, tx, unit, name);
            });
        }

        public PresenceRoutingPolicy? Set(string? businessUnit, RoutingPolicyChange change)
        {
            var (unit, current) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, RoutingPolicyRepository.Find(c, tx, u, change.Name ?? string.Empty) ?? throw NotFound(change.Name));
            });
            var name = change.NewName != null ? CheckName(change.NewName, RoutingErrorIds.InvalidRoutingPolicyName, "routing policy") : current.Name;
            var updated = Build(unit.Name, name, change.Description ?? current.Description, change.Rows, change.Default ?? current.Default,
                change.AcdContactStates ?? current.AcdContactStates.ToList(), change.MaxTeamsAge ?? current.MaxTeamsAge ?? TimeSpan.Zero,
                change.WhenStale ?? current.WhenStale, change.FallbackRows, current.CreatedUtc, _context.Clock.UtcNow,
                change.Rows == null ? current.Rows : null, change.FallbackRows == null ? current.FallbackRows : null);
            if (!_context.Host.ShouldProcess(current.Name, "Change routing policy")) return null;
            return _context.Store.Write((c, tx) =>
            {
                var id = RoutingPolicyRepository.FindId(c, tx, unit, current.Name) ?? throw NotFound(current.Name);
                var clash = RoutingPolicyRepository.FindId(c, tx, unit, name);
                if (clash != null && clash != id) throw Exists(name);
                RoutingPolicyRepository.Save(c, tx, unit, id, updated, _context.Now);
                return RoutingPolicyRepository.Find(c, tx, unit, name);
            });
        }

        public bool Remove(string? businessUnit, string name)
        {
            var (id, uses) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var policyId = RoutingPolicyRepository.FindId(c, tx, u, name) ?? throw NotFound(name);
                return (policyId, RoutingPolicyRepository.Uses(c, tx, policyId));
            });
            if (uses > 0)
            {
                _context.Error(RoutingErrorIds.RoutingPolicyInUse, ErrorKind.InvalidOperation,
                    $"The routing policy '{name}' is used by {uses} services or assignments.", name,
                    "Give those services (Set-PresenceRoutingService -Policy) and assignments another policy first.");
                return false;
            }
            if (!_context.Host.ShouldProcess(name, "Remove routing policy")) return false;
            _context.Store.Write((c, tx) => { RoutingPolicyRepository.Delete(c, tx, id); return true; });
            return true;
        }

        private static PresenceRoutingPolicy Build(string unit, string name, string? description, IList<RoutingRowDefinition>? rows, string @default,
            IList<string>? acd, TimeSpan? maxAge, string whenStale, IList<RoutingRowDefinition>? fallback, DateTime created, DateTime updated,
            IReadOnlyList<PresenceRoutingRow>? keepRows = null, IReadOnlyList<PresenceRoutingRow>? keepFallback = null)
        {
            var validRows = keepRows ?? RoutingPolicyValidator.Rows(rows, "Row");
            var stale = RoutingPolicyValidator.WhenStale(whenStale);
            var fallbackRows = keepFallback ?? RoutingPolicyValidator.Rows(fallback, "Fallback row");
            if (stale == RoutingDecisions.Fallback && fallbackRows.Count == 0) fallbackRows = RoutingPolicyValidator.ConservativeFallback;
            return new PresenceRoutingPolicy(unit, name, description, validRows, RoutingPolicyValidator.Decision(@default, "The default"),
                RoutingPolicyValidator.AcdStates(acd), RoutingPolicyValidator.MaxTeamsAge(maxAge), stale, fallbackRows, created, updated);
        }

        internal static string CheckName(string? name, string errorId, string what)
        {
            var trimmed = (name ?? string.Empty).Trim();
            if (!ValidName.IsMatch(trimmed))
                throw EngineContext.Fail(errorId, ErrorKind.InvalidArgument,
                    $"'{name}' is not a valid {what} name: use up to 64 letters, digits, spaces, dots or dashes.", name);
            return trimmed;
        }

        private static PresenceSyncException Exists(string name) =>
            EngineContext.Fail(RoutingErrorIds.RoutingPolicyExists, ErrorKind.ResourceExists, $"A routing policy named '{name}' already exists.", name,
                "Change it with Set-PresenceRoutingPolicy, or choose another name.");

        internal static PresenceSyncException NotFound(string? name) =>
            EngineContext.Fail(RoutingErrorIds.RoutingPolicyNotFound, ErrorKind.ObjectNotFound, $"There is no routing policy named '{name}'.", name,
                "List the policies with Get-PresenceRoutingPolicy.");
    }
}
