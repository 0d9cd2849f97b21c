using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Keeps one unit's routing decisions current while the sync runs, from every Teams observation,
    /// every ACD state and every change of the Teams view's health. Only the unit's engine loop calls
    /// it, so it needs no lock; it publishes to the shared board and hands flips to the feed.
    /// Flips are announced from the first complete Teams read on: before it, the decisions are the
    /// starting picture, which an ACD asks for with a GET.
    /// </summary>
    internal sealed class UnitRouting
    {
        private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);
        private readonly string _unit;
        private readonly RoutingBoard _board;
        private readonly RoutingFlipFeed _feed;
        private readonly Dictionary<string, RoutingFacts> _facts = new Dictionary<string, RoutingFacts>(StringComparer.OrdinalIgnoreCase);
        private Dictionary<string, List<(PresenceRoutingService Service, PresenceRoutingPolicy? Policy, string Why)>> _memberships =
            new Dictionary<string, List<(PresenceRoutingService, PresenceRoutingPolicy?, string)>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(string Agent, string Service), PresenceRoutingDecision> _current = new Dictionary<(string, string), PresenceRoutingDecision>();
        private bool _announcing;
        private bool _readsFailing;
        private bool _ageLimits;
        private DateTime _nextTick;

        public UnitRouting(string unit, RoutingBoard board, RoutingFlipFeed feed)
        {
            _unit = unit;
            _board = board;
            _feed = feed;
        }

        /// <summary>Reads the unit's routing configuration and takes the agents' facts from what the engine holds.</summary>
        public void Reload(PresenceStore store, IEnumerable<(string AgentId, bool Mapped, PresenceState? Teams, DateTime? SeenUtc, string? Acd, DateTime? AcdUtc)> agents, DateTime now)
        {
            var config = store.Read((c, tx) => RoutingConfiguration.Load(c, tx, Store.Repositories.BusinessUnitRepository.Require(c, tx, _unit)));
            var memberships = new Dictionary<string, List<(PresenceRoutingService, PresenceRoutingPolicy?, string)>>(StringComparer.OrdinalIgnoreCase);
            foreach (var service in config.Services)
                foreach (var (agent, effective) in config.Members(service))
                {
                    if (!memberships.TryGetValue(agent.AgentId, out var list)) memberships[agent.AgentId] = list = new List<(PresenceRoutingService, PresenceRoutingPolicy?, string)>(1);
                    list.Add((service, config.Policy(effective.Policy), effective.Reason));
                }
            _ageLimits = config.Services.Any(s => config.Policy(s.Policy)?.MaxTeamsAge != null);
            foreach (var a in agents)
            {
                if (!_facts.TryGetValue(a.AgentId, out var f)) _facts[a.AgentId] = f = new RoutingFacts { Teams = a.Teams, TeamsSeenUtc = a.SeenUtc };
                f.Mapped = a.Mapped;
                f.AcdState = a.Acd;
                f.AcdStateUtc = a.AcdUtc;
                f.ReadsFailing = _readsFailing;
            }
            foreach (var member in memberships.Keys.Where(m => !_facts.ContainsKey(m)).ToList())
                _facts[member] = new RoutingFacts { Mapped = false, ReadsFailing = _readsFailing };
            // Memberships that ended leave the board; services that went away too.
            foreach (var gone in _current.Keys.Where(k => !memberships.TryGetValue(k.Agent, out var l) || l.All(m => !string.Equals(m.Item1.Name, k.Service, StringComparison.OrdinalIgnoreCase))).ToList())
            {
                _current.Remove(gone);
                _board.Forget(_unit, gone.Service, gone.Agent);
            }
            _board.Retain(_unit, config.Services.Select(s => s.Name).ToList());
            _memberships = memberships;
            foreach (var agent in _memberships.Keys) Evaluate(agent, now);
        }

        public void Teams(string agentId, PresenceState state, DateTime readUtc, DateTime now)
        {
            if (!_facts.TryGetValue(agentId, out var f)) return;
            f.Teams = state;
            f.TeamsSeenUtc = readUtc;
            Evaluate(agentId, now);
        }

        public void Acd(string agentId, string? state, DateTime? stateUtc, DateTime now)
        {
            if (!_facts.TryGetValue(agentId, out var f) || (f.AcdState == state && f.AcdStateUtc == stateUtc)) return;
            f.AcdState = state;
            f.AcdStateUtc = stateUtc;
            Evaluate(agentId, now);
        }

        /// <summary>A complete read saw every watched user: every Teams state is confirmed as of its start.</summary>
        public void Reconciled(DateTime readStartedUtc, DateTime now)
        {
            var wasFailing = _readsFailing;
            _readsFailing = false;
            foreach (var f in _facts.Values)
            {
                f.ReadsFailing = false;
                if (f.Teams != null && (f.TeamsSeenUtc == null || f.TeamsSeenUtc < readStartedUtc)) f.TeamsSeenUtc = readStartedUtc;
            }
            // The board ages unchanged decisions from this read itself; deciding every agent again
            // (and making garbage for every poll) is needed only when staleness may have changed.
            _board.Confirmed(_unit, readStartedUtc);
            if (wasFailing || _ageLimits) foreach (var agent in _memberships.Keys) Evaluate(agent, now);
            _announcing = true;
        }

        public void ReadFailed(DateTime now)
        {
            if (_readsFailing) return;
            _readsFailing = true;
            foreach (var f in _facts.Values) f.ReadsFailing = true;
            foreach (var agent in _memberships.Keys) Evaluate(agent, now);
        }

        /// <summary>Teams states age: a policy with MaxTeamsAge may turn a decision stale without any event.</summary>
        public void Tick(DateTime now)
        {
            if (!_ageLimits || now < _nextTick) return;
            _nextTick = now + TickEvery;
            foreach (var agent in _memberships.Keys) Evaluate(agent, now);
        }

        private void Evaluate(string agentId, DateTime now)
        {
            if (!_memberships.TryGetValue(agentId, out var services) || !_facts.TryGetValue(agentId, out var facts)) return;
            foreach (var (service, policy, why) in services)
            {
                var decision = RoutingEvaluator.Decide(_unit, service.Name, agentId, policy, why, facts, now);
                _current.TryGetValue((agentId, service.Name), out var before);
                if (before != null && before.SameOutcome(decision) && before.TeamsAvailability == decision.TeamsAvailability
                    && before.TeamsActivity == decision.TeamsActivity && before.AcdState == decision.AcdState && before.TeamsSeenUtc == decision.TeamsSeenUtc) continue;
                _current[(agentId, service.Name)] = decision;
                _board.Publish(decision);
                if (_announcing && before != null && before.Routable != decision.Routable) _feed.Announce(decision, before.Decision);
            }
        }
    }
}
