using System.Collections.Generic;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// Get-PresenceEffectiveRule for a whole pipeline: each unit's assignments are read once, and
    /// once more than a few agents of a unit are asked for, all its agents are read in one query,
    /// so 100,000 agents piped in take seconds rather than one store round trip (and one scan of
    /// every assignment) each.
    /// </summary>
    public sealed class EffectiveRuleLookup
    {
        private const int SingleLookups = 64;
        private readonly EngineContext _context;
        private readonly Dictionary<string, UnitView> _units = new Dictionary<string, UnitView>(KeyComparer.Instance);

        public EffectiveRuleLookup(EngineContext context) => _context = context;

        public PresenceEffectiveRule? Resolve(string? businessUnit, string agentId)
        {
            var view = View(string.IsNullOrWhiteSpace(businessUnit) ? PresenceBusinessUnit.DefaultName : businessUnit!);
            PresenceAgent? agent;
            if (view.Agents != null) view.Agents.TryGetValue(agentId.Trim(), out agent);
            else
            {
                agent = _context.Store.Read((c, tx) => AgentRepository.Find(c, tx, view.Unit, agentId.Trim()));
                if (++view.Lookups >= SingleLookups) view.LoadAgents(_context);
            }
            if (agent == null)
            {
                _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{agentId}' in business unit '{view.Unit.Name}'.", agentId);
                return null;
            }
            return EffectiveRuleResolver.Resolve(agent, view.Assignments);
        }

        /// <summary>Every agent of the unit with its effective rule, in agent id order, from one read.</summary>
        public IReadOnlyList<PresenceEffectiveRule> All(string? businessUnit)
        {
            var view = View(string.IsNullOrWhiteSpace(businessUnit) ? PresenceBusinessUnit.DefaultName : businessUnit!);
            var agents = _context.Store.Read((c, tx) => AgentRepository.All(c, tx, view.Unit));
            var result = new List<PresenceEffectiveRule>(agents.Count);
            foreach (var agent in agents) result.Add(EffectiveRuleResolver.Resolve(agent, view.Assignments));
            return result;
        }

        private UnitView View(string name)
        {
            if (_units.TryGetValue(name, out var view)) return view;
            view = _context.Store.Read((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, name);
                return new UnitView(unit, new AssignmentIndex(AssignmentRepository.All(c, tx, unit)));
            });
            return _units[name] = view;
        }

        private sealed class UnitView
        {
            public UnitView(PresenceBusinessUnit unit, AssignmentIndex assignments)
            {
                Unit = unit;
                Assignments = assignments;
            }

            public PresenceBusinessUnit Unit { get; }
            public AssignmentIndex Assignments { get; }
            public Dictionary<string, PresenceAgent>? Agents { get; private set; }
            public int Lookups { get; set; }

            public void LoadAgents(EngineContext context)
            {
                var all = context.Store.Read((c, tx) => AgentRepository.All(c, tx, Unit));
                Agents = new Dictionary<string, PresenceAgent>(all.Count, KeyComparer.Instance);
                foreach (var a in all) Agents[a.AgentId] = a;
            }
        }
    }
}
