using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Source;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>
    /// Test-PresenceSipSource: runs a unit's SIP source for a short while against the real PBX,
    /// without handing anything to the sync (nothing is written), and reports per extension whether
    /// the subscription was accepted and what the line shows, or why not.
    /// </summary>
    public sealed class SipSourceTester
    {
        private readonly EngineContext _context;

        public SipSourceTester(EngineContext context) => _context = context;

        public async Task<IReadOnlyList<PresenceSipTestResult>> TestAsync(string? businessUnit, IReadOnlyCollection<string>? extensions, TimeSpan timeout, CancellationToken ct)
        {
            var (unit, record, agents, mapped) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SipSourceRepository.Find(c, tx, u), AgentRepository.All(c, tx, u), MappingRepository.All(c, tx, u).Select(m => m.AgentId).ToList());
            });
            if (record == null)
                throw EngineContext.Fail(SipErrorIds.SourceNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no SIP source.", unit.Name, "Record one with New-PresenceSipSource.");
            var watched = agents.Where(a => mapped.Contains(a.AgentId) && !string.IsNullOrWhiteSpace(a.Extension))
                .GroupBy(a => a.Extension!.Trim()).Where(g => extensions == null || extensions.Contains(g.Key))
                .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.First().AgentId : null);
            var results = new List<PresenceSipTestResult>();
            foreach (var missing in (extensions ?? new string[0]).Where(e => !watched.ContainsKey(e)))
                results.Add(new PresenceSipTestResult(unit.Name, missing, null, false, null, ErrorIds.AgentNotFound,
                    $"No mapped agent of business unit '{unit.Name}' has extension {missing}."));
            if (watched.Count == 0 && results.Count == 0)
                results.Add(new PresenceSipTestResult(unit.Name, null, null, false, null, ErrorIds.AgentNotFound,
                    $"No mapped agent of business unit '{unit.Name}' has an extension; nothing to subscribe to."));
            if (watched.Count == 0) return results;

            var settings = new SipSourceService(_context).Settings(unit.Name, record);
            settings.OnlyExtensions = new HashSet<string>(watched.Keys, StringComparer.Ordinal);
            var probe = new Probe();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var running = new SipDialogSource(_context, settings).RunAsync(probe, stop.Token);
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested && !watched.Keys.All(e => probe.Done(unit.Name, e, watched[e])))
                await Task.Delay(100, ct).ConfigureAwait(false);
            stop.Cancel();
            await running.ConfigureAwait(false);

            var source = probe.Latest(unit.Name);
            foreach (var pair in watched.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var health = probe.Latest(unit.Name + "/" + pair.Key);
                var state = pair.Value != null ? probe.StateOf(pair.Value) : null;
                var ok = health?.Healthy == true;
                results.Add(new PresenceSipTestResult(unit.Name, pair.Key, pair.Value, ok, state,
                    ok ? null : health?.ErrorId ?? source?.ErrorId ?? SipErrorIds.SubscriptionTimeout,
                    health?.Detail ?? (source != null && !source.Healthy ? source.Detail : $"No answer for extension {pair.Key} within {timeout.TotalSeconds:0} s.")));
            }
            return results;
        }

        /// <summary>A target that keeps what it is told and accepts nothing into the store.</summary>
        private sealed class Probe : IAcdEventTarget
        {
            private readonly ConcurrentDictionary<string, SourceHealth> _health = new ConcurrentDictionary<string, SourceHealth>(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<string, string> _states = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

            public IReadOnlyList<AcdEventResult> Submit(IReadOnlyList<AcdEvent> events)
            {
                foreach (var e in events) if (e.AgentId != null && e.State != null) _states[e.AgentId] = e.State;
                return events.Select(e => new AcdEventResult(0, e.BusinessUnit ?? "", e.AgentId, e.State, "Ignored", null, "Test-PresenceSipSource records nothing.")).ToList();
            }

            public void Recorded(string businessUnit, string agentId, long eventId) { }

            public void Report(SourceHealth health) => _health[health.Item ?? health.Source] = health;

            public SourceHealth? Latest(string item) => _health.TryGetValue(item, out var h) ? h : null;

            public string? StateOf(string agentId) => _states.TryGetValue(agentId, out var s) ? s : null;

            /// <summary>An extension is done when it failed, or was subscribed and its first state came.</summary>
            public bool Done(string unit, string extension, string? agentId)
            {
                var h = Latest(unit + "/" + extension);
                var source = Latest(unit);
                if (source != null && !source.Healthy) return true;
                return h != null && (!h.Healthy || agentId == null || StateOf(agentId) != null);
            }
        }
    }
}
