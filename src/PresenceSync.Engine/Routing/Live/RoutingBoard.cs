using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// The read model of a running sync: the current decision of every agent in every service.
    /// Each unit's engine loop writes its own services; the HTTP queries read from any thread. The
    /// list of routable agents of a service is kept as ready JSON and made again only after a
    /// change, so the hot query costs a dictionary look-up.
    /// </summary>
    internal sealed class RoutingBoard
    {
        private readonly ConcurrentDictionary<string, ServiceBoard> _services = new ConcurrentDictionary<string, ServiceBoard>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, DateTime> _confirmed = new ConcurrentDictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);

        /// <summary>A complete read of the unit confirmed every Teams state it did not change, as of this time.</summary>
        public void Confirmed(string unit, DateTime readStartedUtc) => _confirmed[unit] = readStartedUtc;

        /// <summary>When the decision's Teams state was last known to be current: its own observation, or the unit's last complete read since.</summary>
        public DateTime? SeenUtc(PresenceRoutingDecision d) =>
            d.TeamsSeenUtc is DateTime seen && _confirmed.TryGetValue(d.BusinessUnit, out var confirmed) && confirmed > seen ? confirmed : d.TeamsSeenUtc;

        public void Publish(PresenceRoutingDecision decision) => For(decision.BusinessUnit, decision.Service, true)!.Set(decision);

        /// <summary>The unit's services are now exactly these (after a configuration change).</summary>
        public void Retain(string unit, ICollection<string> services)
        {
            foreach (var key in _services.Keys.Where(k => k.StartsWith(unit + "\n", StringComparison.OrdinalIgnoreCase)).ToList())
                if (!services.Contains(key.Substring(unit.Length + 1))) _services.TryRemove(key, out _);
            foreach (var s in services) For(unit, s, true);
        }

        public void Forget(string unit, string service, string agentId) => For(unit, service, false)?.Remove(agentId);

        public bool HasService(string unit, string service) => For(unit, service, false) != null;

        public PresenceRoutingDecision? Decision(string unit, string service, string agentId) =>
            For(unit, service, false) is ServiceBoard b && b.Decisions.TryGetValue(agentId, out var d) ? d : null;

        public IReadOnlyList<PresenceRoutingDecision> All(string unit, string service) =>
            For(unit, service, false)?.Decisions.Values.OrderBy(d => d.AgentId, StringComparer.OrdinalIgnoreCase).ToList() ?? new List<PresenceRoutingDecision>();

        public string? RoutableJson(string unit, string service) => For(unit, service, false)?.RoutableJson(unit, service);

        private ServiceBoard? For(string unit, string service, bool create)
        {
            var key = unit + "\n" + service;
            if (create) return _services.GetOrAdd(key, _ => new ServiceBoard());
            return _services.TryGetValue(key, out var b) ? b : null;
        }

        private sealed class ServiceBoard
        {
            private string? _routable;
            private long _version;
            private long _built = -1;

            public ConcurrentDictionary<string, PresenceRoutingDecision> Decisions { get; } = new ConcurrentDictionary<string, PresenceRoutingDecision>(StringComparer.OrdinalIgnoreCase);

            public void Set(PresenceRoutingDecision d)
            {
                Decisions.TryGetValue(d.AgentId, out var before);
                Decisions[d.AgentId] = d;
                if (before == null || before.Routable != d.Routable) Interlocked.Increment(ref _version);
            }

            public void Remove(string agentId)
            {
                if (Decisions.TryRemove(agentId, out _)) Interlocked.Increment(ref _version);
            }

            public string RoutableJson(string unit, string service)
            {
                var version = Interlocked.Read(ref _version);
                var cached = Volatile.Read(ref _routable);
                if (cached != null && Interlocked.Read(ref _built) == version) return cached;
                var agents = Decisions.Values.Where(d => d.Routable).Select(d => d.AgentId).OrderBy(a => a, StringComparer.OrdinalIgnoreCase).ToList();
                var json = JsonSerializer.Serialize(new { businessUnit = unit, service, count = agents.Count, routable = agents });
                Volatile.Write(ref _routable, json);
                Interlocked.Exchange(ref _built, version);
                return json;
            }
        }
    }
}
