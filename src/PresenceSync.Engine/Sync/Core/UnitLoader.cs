using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Reads a unit's agents, mappings, rules and sync states from the store into slots: once when
    /// the sync starts, and again whenever the unit's configuration changes (the store counts every
    /// change). A reload keeps what the engine holds for an agent and only refreshes its rule and
    /// mapping; an agent that lost its mapping but may still hold a session stays, to be cleaned up.
    /// </summary>
    internal static class UnitLoader
    {
        public static Dictionary<string, AgentSlot> Load(PresenceStore store, PresenceBusinessUnit unit, IReadOnlyDictionary<string, AgentSlot>? previous)
        {
            return store.Read((c, tx) =>
            {
                var agents = AgentRepository.All(c, tx, unit).ToDictionary(a => a.AgentId, KeyComparer.Instance);
                var rules = RuleRepository.All(c, tx, unit).ToDictionary(r => r.Name, KeyComparer.Instance);
                var assignments = new AssignmentIndex(AssignmentRepository.All(c, tx, unit));
                // Only a first load reads every state: on a reload the engine's own copies are newer.
                var states = previous == null ? AgentSyncRepository.All(c, tx, unit) : new Dictionary<string, AgentSyncState>(KeyComparer.Instance);
                if (previous == null)
                {
                    foreach (var reason in SyncEventRepository.CurrentReasons(c, tx, unit))
                        if (states.TryGetValue(reason.Key, out var known)) known.AcdReason = reason.Value;
                }
                var slots = new Dictionary<string, AgentSlot>(KeyComparer.Instance);
                foreach (var mapping in MappingRepository.All(c, tx, unit))
                {
                    if (!agents.TryGetValue(mapping.AgentId, out var agent)) continue;
                    var slot = Existing(previous, mapping.AgentId) ?? New(c, tx, unit, mapping.AgentId, states, previous != null);
                    var effective = EffectiveRuleResolver.Resolve(agent, assignments);
                    slot.Rule = effective.Rule != null && rules.TryGetValue(effective.Rule, out var rule) ? rule : NoRule.Instance;
                    slot.TeamsUserId = mapping.TeamsUserId;
                    slot.Mapped = true;
                    slots[slot.AgentId] = slot;
                }
                // Agents that lost their mapping (or left) but may still hold a session: clear it on their last user.
                var orphans = previous == null
                    ? states.Values.Where(s => !slots.ContainsKey(s.AgentId)).Select(s => new AgentSlot(s.AgentId, s))
                    : previous.Values.Where(s => !slots.ContainsKey(s.AgentId));
                foreach (var slot in orphans)
                {
                    var s = slot.State;
                    if (s.TeamsUserId == null || (s.SessionState == null && s.PreferredState == null && s.PendingWrite == null && slot.Job == null)) continue;
                    if (slot.Mapped || previous == null)
                    {
                        s.RuleState = null;
                        s.AcdByEngine = false;
                    }
                    slot.Rule = NoRule.Instance;
                    slot.TeamsUserId = s.TeamsUserId.Value;
                    slot.Mapped = false;
                    slots[slot.AgentId] = slot;
                }
                return slots;
            });
        }

        private static AgentSlot? Existing(IReadOnlyDictionary<string, AgentSlot>? previous, string agentId) =>
            previous != null && previous.TryGetValue(agentId, out var slot) ? slot : null;

        private static AgentSlot New(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, PresenceBusinessUnit unit,
            string agentId, Dictionary<string, AgentSyncState> states, bool reload)
        {
            // An agent mapped while the sync runs may already have a state (an event recorded before its mapping).
            var state = reload ? AgentSyncRepository.Find(c, tx, unit, agentId) : (states.TryGetValue(agentId, out var s) ? s : null);
            return new AgentSlot(agentId, state ?? new AgentSyncState { AgentId = agentId });
        }
    }
}
