using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Rules
{
    /// <summary>Assigns rules to agents, ACD teams or a whole business unit.</summary>
    public sealed class AssignmentService
    {
        private readonly EngineContext _context;

        public AssignmentService(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceRuleAssignment> Get(string? businessUnit, string? rulePattern, AssignmentScope? scope, string? subjectPattern)
        {
            IEnumerable<PresenceRuleAssignment> all = _context.Store.Read((c, tx) =>
                AssignmentRepository.All(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit)));
            if (!string.IsNullOrEmpty(rulePattern))
            {
                var rules = new WildcardPattern(rulePattern!);
                all = all.Where(a => rules.IsMatch(a.Rule));
            }
            if (scope != null) all = all.Where(a => a.ScopeValue == scope);
            if (!string.IsNullOrEmpty(subjectPattern))
            {
                // Agent ids may hold brackets: for them only * and ? are wildcards; team names take sets too.
                var subjects = new WildcardPattern(subjectPattern!, sets: scope != AssignmentScope.Agent);
                all = all.Where(a => subjects.IsMatch(a.Subject));
            }
            return all.ToList();
        }

        /// <summary>Assigns <paramref name="rule"/>; an existing assignment for the same subject is replaced only with force.</summary>
        public PresenceRuleAssignment? Add(string? businessUnit, string rule, AssignmentScope scope, string? subject, int priority, bool force)
        {
            var key = scope == AssignmentScope.Default ? string.Empty : (subject ?? string.Empty).Trim();
            if (scope != AssignmentScope.Default && key.Length == 0)
                throw EngineContext.Fail(ErrorIds.MissingAssignmentSubject, ErrorKind.InvalidArgument, $"An assignment to an {scope} needs its name.", subject);

            var (unit, ruleId, exists) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var id = RuleRepository.FindId(c, tx, u, rule)
                    ?? throw EngineContext.Fail(ErrorIds.RuleNotFound, ErrorKind.ObjectNotFound, $"There is no rule named '{rule}'.", rule,
                        "Create it with New-PresenceRule.");
                if (scope == AssignmentScope.Agent) key = AgentRepository.StoredId(c, tx, u, key) ?? key;
                if (scope == AssignmentScope.Agent && AgentRepository.Find(c, tx, u, key) == null)
                    throw EngineContext.Fail(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{key}' in business unit '{u.Name}'.", key);
                if (scope == AssignmentScope.Team && !AgentRepository.AllTeams(c, tx, u).Contains(key, KeyComparer.Instance))
                    _context.Host.WriteWarning($"No agent is in the ACD team '{key}' yet; the assignment applies once agents join it.");
                return (u, id, AssignmentRepository.Exists(c, tx, u, scope, key));
            });
            var label = scope == AssignmentScope.Default ? $"business unit '{unit.Name}' (default)" : $"{scope} '{key}'";
            if (exists && !force)
            {
                _context.Error(ErrorIds.AssignmentExists, ErrorKind.ResourceExists, $"{label} already has a rule assigned.", subject ?? unit.Name,
                    "Use -Force to replace it, or Remove-PresenceRuleAssignment first.");
                return null;
            }
            if (!_context.Host.ShouldProcess(label, exists ? $"Replace the assigned rule with '{rule}'" : $"Assign rule '{rule}'")) return null;
            return _context.Store.Write((c, tx) =>
            {
                if (AssignmentRepository.Exists(c, tx, unit, scope, key)) AssignmentRepository.Replace(c, tx, unit, ruleId, scope, key, priority);
                else AssignmentRepository.Insert(c, tx, unit, ruleId, scope, key, priority, _context.Now);
                return AssignmentRepository.All(c, tx, unit).First(a => a.ScopeValue == scope && KeyComparer.Instance.Equals(a.Subject ?? string.Empty, key));
            });
        }

        public bool Remove(string? businessUnit, AssignmentScope scope, string? subject)
        {
            var key = scope == AssignmentScope.Default ? string.Empty : (subject ?? string.Empty).Trim();
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, businessUnit));
            var exists = _context.Store.Read((c, tx) => AssignmentRepository.Exists(c, tx, unit, scope, key));
            var label = scope == AssignmentScope.Default ? $"business unit '{unit.Name}' (default)" : $"{scope} '{key}'";
            if (!exists)
            {
                _context.Error(ErrorIds.AssignmentNotFound, ErrorKind.ObjectNotFound, $"{label} has no rule assigned.", subject ?? unit.Name);
                return false;
            }
            if (!_context.Host.ShouldProcess(label, "Remove rule assignment")) return false;
            _context.Store.Write((c, tx) => AssignmentRepository.Delete(c, tx, unit, scope, key));
            return true;
        }
    }
}
