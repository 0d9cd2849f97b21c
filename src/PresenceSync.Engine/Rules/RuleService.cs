using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Rules
{
    /// <summary>Creates, changes, lists and removes rules; each rule with its rows is one transaction.</summary>
    public sealed class RuleService
    {
        public static readonly TimeSpan DefaultOverride = TimeSpan.FromHours(1);
        private static readonly Regex ValidName = new Regex(@"^[\w][\w .\-]{0,63}$", RegexOptions.CultureInvariant);
        private readonly EngineContext _context;

        public RuleService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceRule> Get(string? businessUnit, string? namePattern)
        {
            var all = _context.Store.Read((c, tx) => RuleRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (string.IsNullOrEmpty(namePattern)) return all;
            var pattern = new WildcardPattern(namePattern!);
            var found = all.Where(r => pattern.IsMatch(r.Name)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards)
                _context.Error(ErrorIds.RuleNotFound, ErrorKind.ObjectNotFound, $"There is no rule named '{namePattern}'.", namePattern);
            return found;
        }

        public PresenceRule? New(string? businessUnit, RuleChange change)
        {
            var name = CheckName(change.Name);
            var rows = RuleValidator.Validate(change.Rows ?? new List<RuleRowDefinition>());
            var duration = change.ManualOverrideDuration ?? DefaultOverride;
            RuleValidator.ValidateOverride(duration);
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, businessUnit));
            var now = _context.Clock.UtcNow;
            var rule = new PresenceRule(unit.Name, name, change.Description, rows, change.ManualStatusPolicy ?? ManualStatusPolicy.Respect,
                duration, change.InternalCalls ?? InternalCallPolicy.Ignore, now, now);
            if (_context.Store.Read((c, tx) => RuleRepository.FindId(c, tx, unit, name)) != null)
                throw EngineContext.Fail(ErrorIds.RuleExists, ErrorKind.ResourceExists, $"A rule named '{name}' already exists.", name,
                    "Change it with Set-PresenceRule, or choose another name.");
            if (!_context.Host.ShouldProcess(name, $"Create rule with {rows.Count} rows")) return null;
            return _context.Store.Write((c, tx) =>
            {
                if (RuleRepository.FindId(c, tx, unit, name) != null)
                    throw EngineContext.Fail(ErrorIds.RuleExists, ErrorKind.ResourceExists, $"A rule named '{name}' already exists.", name,
                        "Change it with Set-PresenceRule, or choose another name.");
                RuleRepository.Save(c, tx, unit, null, rule, _context.Now);
                return RuleRepository.Find(c, tx, unit, name);
            });
        }

        public PresenceRule? Set(string? businessUnit, RuleChange change)
        {
            var (unit, current) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, RuleRepository.Find(c, tx, u, change.Name ?? string.Empty) ?? throw NotFound(change.Name));
            });
            var name = change.NewName != null ? CheckName(change.NewName) : current.Name;
            var rows = change.Rows != null ? RuleValidator.Validate(change.Rows) : current.Rows;
            var duration = change.ManualOverrideDuration ?? current.ManualOverrideDuration;
            RuleValidator.ValidateOverride(duration);
            var updated = new PresenceRule(unit.Name, name, change.Description ?? current.Description, rows,
                change.ManualStatusPolicy ?? current.ManualStatusPolicyValue, duration, change.InternalCalls ?? current.InternalCallsValue,
                current.CreatedUtc, _context.Clock.UtcNow);
            if (!_context.Host.ShouldProcess(current.Name, "Change rule")) return null;
            return _context.Store.Write((c, tx) =>
            {
                var id = RuleRepository.FindId(c, tx, unit, current.Name) ?? throw NotFound(current.Name);
                var clash = RuleRepository.FindId(c, tx, unit, name);
                if (clash != null && clash != id)
                    throw EngineContext.Fail(ErrorIds.RuleExists, ErrorKind.ResourceExists, $"A rule named '{name}' already exists.", name);
                RuleRepository.Save(c, tx, unit, id, updated, _context.Now);
                return RuleRepository.Find(c, tx, unit, name);
            });
        }

        public bool Remove(string? businessUnit, string name, bool force)
        {
            var (unit, id, uses) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var ruleId = RuleRepository.FindId(c, tx, u, name) ?? throw NotFound(name);
                return (u, ruleId, AssignmentRepository.CountForRule(c, tx, ruleId));
            });
            if (uses > 0 && !force)
            {
                _context.Error(ErrorIds.RuleInUse, ErrorKind.InvalidOperation,
                    $"The rule '{name}' is assigned {uses} times; removing it would leave those agents without a rule.", name,
                    "Remove the assignments first, or use -Force to remove them with the rule.");
                return false;
            }
            var action = uses > 0 ? $"Remove rule and its {uses} assignments" : "Remove rule";
            if (!_context.Host.ShouldProcess(name, action)) return false;
            _context.Store.Write((c, tx) => { RuleRepository.Delete(c, tx, id); return true; });
            return true;
        }

        private static string CheckName(string? name)
        {
            var trimmed = KeyText.Normalize(name ?? string.Empty);
            if (KeyText.Problem(trimmed) != null || !ValidName.IsMatch(trimmed))
                throw EngineContext.Fail(ErrorIds.InvalidRuleName, ErrorKind.InvalidArgument,
                    $"'{KeyText.Visible(name ?? string.Empty)}' is not a valid rule name: use up to 64 letters, digits, spaces, dots or dashes.", name);
            return trimmed;
        }

        private static PresenceSyncException NotFound(string? name) =>
            EngineContext.Fail(ErrorIds.RuleNotFound, ErrorKind.ObjectNotFound, $"There is no rule named '{name}'.", name,
                "List the rules with Get-PresenceRule.");
    }
}
