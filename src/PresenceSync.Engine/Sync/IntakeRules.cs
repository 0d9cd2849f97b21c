using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync
{
    /// <summary>A unit's rules and assignments, read once per batch.</summary>
    internal sealed class IntakeRules
    {
        private readonly IReadOnlyList<PresenceRule> _rules;
        private readonly AssignmentIndex _assignments;
        private readonly Dictionary<string, string> _states = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public IntakeRules(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit)
        {
            _rules = RuleRepository.All(c, tx, unit);
            _assignments = new AssignmentIndex(AssignmentRepository.All(c, tx, unit));
            foreach (var name in _rules.SelectMany(r => r.Rows.SelectMany(row => new[] { row.AcdState }.Concat(row.OnlyWhenAcdState))))
                if (!_states.ContainsKey(name)) _states[name] = name;
        }

        /// <summary>The state as the rules spell it, or null when no rule knows it.</summary>
        public string? StateNamed(string state) => _states.TryGetValue(state, out var named) ? named : null;

        public PresenceRule? RuleOf(PresenceAgent agent)
        {
            var effective = EffectiveRuleResolver.Resolve(agent, _assignments);
            return _rules.FirstOrDefault(r => KeyComparer.Instance.Equals(r.Name, effective.Rule));
        }
    }
}
