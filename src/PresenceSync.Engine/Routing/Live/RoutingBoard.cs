using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// The read model of a running sync: the current decision of every agent in every service.
    /// Each unit's engine loop writes its own services; the HTTP queries read from any thread. The
    /// list of routable agents of a service is kept as ready JSON and made again only after a
    /// change, so the hot query costs a dictionary look-up and no allocation.
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

        /// <summary>The routable agents of a service as the endpoint sends them: the same bytes until a decision of the service flips.</summary>
        public Sync.Sources.Http.EndpointResponse? RoutableAnswer(string unit, string service) => For(unit, service, false)?.RoutableAnswer(unit, service);

        public string? RoutableJson(string unit, string service) => RoutableAnswer(unit, service)?.Json;

        private ServiceBoard? For(string unit, string service, bool create)
        {
            var key = unit + "\n" + service;
            if (create) return _services.GetOrAdd(key, _ => new ServiceBoard());
            return _services.TryGetValue(key, out var b) ? b : null;
        }

        /// <summary>
        /// One service's decisions. The routable ids are kept sorted as they flip (one unit's
        /// engine writes, any endpoint thread reads), so making the answer again after a change
        /// is one pass over the routable ids, never a sort of every member.
        /// </summary>
        private sealed class ServiceBoard
        {
            private readonly SortedSet<string> _routable = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            private Sync.Sources.Http.EndpointResponse? _answer;

            public ConcurrentDictionary<string, PresenceRoutingDecision> Decisions { get; } = new ConcurrentDictionary<string, PresenceRoutingDecision>(StringComparer.OrdinalIgnoreCase);

            public void Set(PresenceRoutingDecision d)
            {
                Decisions[d.AgentId] = d;
                lock (_routable)
                {
                    if (d.Routable ? _routable.Add(d.AgentId) : _routable.Remove(d.AgentId)) _answer = null;
                }
            }

            public void Remove(string agentId)
            {
                Decisions.TryRemove(agentId, out _);
                lock (_routable)
                {
                    if (_routable.Remove(agentId)) _answer = null;
                }
            }

            public Sync.Sources.Http.EndpointResponse RoutableAnswer(string unit, string service)
            {
                lock (_routable)
                {
                    if (_answer != null) return _answer;
                    using var buffer = new System.IO.MemoryStream(64 + _routable.Count * 12);
                    using (var json = new Utf8JsonWriter(buffer))
                    {
                        json.WriteStartObject();
                        json.WriteString("businessUnit", unit);
                        json.WriteString("service", service);
                        json.WriteNumber("count", _routable.Count);
                        json.WriteStartArray("routable");
                        foreach (var id in _routable) json.WriteStringValue(id);
                        json.WriteEndArray();
                        json.WriteEndObject();
                    }
                    return _answer = new Sync.Sources.Http.EndpointResponse(200, buffer.ToArray());
                }
            }
        }
    }
}
