using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Units
{
    /// <summary>Creates, lists and removes business units.</summary>
    public sealed class BusinessUnitService
    {
        private static readonly Regex ValidName = new Regex(@"^[\w][\w .\-]{0,63}$", RegexOptions.CultureInvariant);
        private readonly EngineContext _context;

        public BusinessUnitService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceBusinessUnit> Get(string? namePattern = null)
        {
            var all = _context.Store.Read((c, tx) => BusinessUnitRepository.All(c, tx));
            if (string.IsNullOrEmpty(namePattern)) return all;
            var pattern = new WildcardPattern(namePattern!);
            var found = all.Where(u => pattern.IsMatch(u.Name)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards)
            {
                _context.Error(ErrorIds.BusinessUnitNotFound, ErrorKind.ObjectNotFound,
                    $"There is no business unit named '{namePattern}'.", namePattern);
            }
            return found;
        }

        public PresenceBusinessUnit? New(string name, string? description)
        {
            var trimmed = KeyText.Normalize(name ?? string.Empty);
            if (KeyText.Problem(trimmed) != null || !ValidName.IsMatch(trimmed))
            {
                _context.Error(ErrorIds.InvalidBusinessUnitName, ErrorKind.InvalidArgument,
                    $"'{KeyText.Visible(name ?? string.Empty)}' is not a valid business unit name: use up to 64 letters, digits, spaces, dots or dashes.", name);
                return null;
            }
            if (!_context.Host.ShouldProcess(trimmed, "Create business unit")) return null;
            return _context.Store.Write((c, tx) =>
            {
                if (BusinessUnitRepository.Find(c, tx, trimmed) != null)
                {
                    _context.Error(ErrorIds.BusinessUnitExists, ErrorKind.ResourceExists,
                        $"A business unit named '{trimmed}' already exists.", trimmed);
                    return null;
                }
                BusinessUnitRepository.Insert(c, tx, trimmed, description, _context.Now);
                return BusinessUnitRepository.Find(c, tx, trimmed);
            });
        }

        /// <summary>Removes a unit with everything in it; refuses a non-empty one unless forced.</summary>
        public bool Remove(string name, bool force)
        {
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, name));
            if (unit.IsDefault)
            {
                _context.Error(ErrorIds.DefaultBusinessUnitProtected, ErrorKind.InvalidOperation,
                    "The Default business unit cannot be removed.", unit.Name);
                return false;
            }
            var hasApp = _context.Store.Read((c, tx) => AppRepository.Find(c, tx, unit)) != null;
            var empty = unit.AgentCount == 0 && unit.TeamsUserCount == 0 && unit.RuleCount == 0 && !hasApp;
            if (!empty && !force)
            {
                _context.Error(ErrorIds.BusinessUnitNotEmpty, ErrorKind.InvalidOperation,
                    $"The business unit '{unit.Name}' still holds {unit.AgentCount} agents, {unit.TeamsUserCount} Teams users and {unit.RuleCount} rules{(hasApp ? ", and its sync app" : "")}.",
                    unit, "Use -Force to remove the unit with everything in it.");
                return false;
            }
            if (!_context.Host.ShouldProcess(unit.Name, empty ? "Remove business unit" : "Remove business unit and all its agents, Teams users, mappings, rules, sync app, sync state and history (sessions already written to Teams expire by themselves)"))
                return false;
            var secrets = _context.Store.Write((c, tx) =>
            {
                BusinessUnitRepository.Delete(c, tx, unit.Id);
                return CredentialRepository.DeleteUnreferenced(c, tx);
            });
            // A credential no other unit shares goes with the unit, and so does the secret kept for it.
            foreach (var (storage, reference) in secrets) Tenant.SecretVault.Delete(storage, reference);
            return true;
        }
    }
}
