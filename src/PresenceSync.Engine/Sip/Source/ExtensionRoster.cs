using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Subscriptions;
using PresenceSync.Engine.Sip.UserAgent;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// The extensions a source watches: one line and one subscription per mapped agent's
    /// extension (or one list subscription for all), kept in step with the agent list. Two agents
    /// with one extension are reported and watched for neither: the module never guesses.
    /// New subscriptions are paced, so a PBX is not hit by all of them in one burst.
    /// </summary>
    internal sealed class ExtensionRoster
    {
        private readonly SipUserAgent _agent;
        private readonly SubscriptionManager _manager;
        private readonly SubscriptionOptions _options;
        private readonly LineContext _context;
        private readonly SipSourceSettings _settings;
        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly HashSet<string> _ambiguous = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<Task> _stopping = new List<Task>();
        private Entry? _list;
        private DateTime _nextStart = DateTime.MinValue;

        public ExtensionRoster(SipUserAgent agent, SubscriptionManager manager, SubscriptionOptions options, LineContext context, SipSourceSettings settings)
        {
            _agent = agent;
            _manager = manager;
            _options = options;
            _context = context;
            _settings = settings;
        }

        public ExtensionLine? Line(string extension)
        {
            lock (_entries) return _entries.TryGetValue(extension, out var e) ? e.Line : null;
        }

        /// <summary>The subscription of one extension (tests read its dialog to send NOTIFYs into it).</summary>
        internal DialogSubscription? Subscription(string extension)
        {
            lock (_entries) return _entries.TryGetValue(extension, out var e) ? e.Subscription : null;
        }

        public int Count
        {
            get { lock (_entries) return _entries.Count; }
        }

        public void Sync(IReadOnlyList<PresenceAgent> agents, ISet<string> mappedAgentIds, CancellationToken ct)
        {
            _context.KnownExtensions = new HashSet<string>(agents.Select(a => a.Extension?.Trim()).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!), StringComparer.Ordinal);
            var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
            var only = _settings.OnlyExtensions;
            foreach (var group in agents.Where(a => mappedAgentIds.Contains(a.AgentId) && !string.IsNullOrWhiteSpace(a.Extension)).GroupBy(a => a.Extension!.Trim())
                         .Where(g => only == null || only.Contains(g.Key)))
            {
                var ids = group.Select(a => a.AgentId).ToList();
                if (ids.Count == 1) { wanted[group.Key] = ids[0]; _ambiguous.Remove(group.Key); continue; }
                if (_ambiguous.Add(group.Key))
                    _context.Report(new SourceHealth("Sip", _context.ItemFor(group.Key), false, SipErrorIds.AmbiguousExtension,
                        $"Extension {group.Key} belongs to agents {string.Join(", ", ids)}; it is watched for none of them until only one has it.", DateTime.UtcNow));
            }
            lock (_entries)
            {
                foreach (var gone in _entries.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
                {
                    var entry = _entries[gone];
                    _entries.Remove(gone);
                    entry.Stop?.Cancel();
                    if (entry.Running != null) _stopping.Add(entry.Running);
                }
                foreach (var pair in wanted)
                {
                    if (_entries.TryGetValue(pair.Key, out var existing)) { existing.Line.AgentId = pair.Value; continue; }
                    var line = new ExtensionLine(pair.Key, pair.Value, _context);
                    var entry = new Entry(line);
                    if (_settings.ResourceList == null) Start(entry, new DialogSubscription(_agent, _manager, _options, ResourceUri(pair.Key), line, list: false), ct);
                    _entries[pair.Key] = entry;
                }
                if (_settings.ResourceList != null && _list == null)
                {
                    var handler = new ResourceListHandler(_settings.ResourceList, _context, Line);
                    _list = new Entry(null!);
                    Start(_list, new DialogSubscription(_agent, _manager, _options, _settings.ResourceList, handler, list: true), ct);
                }
            }
        }

        private string ResourceUri(string extension)
        {
            SipUri.TrySplitHostPort(_settings.EffectiveDomain, out var host, out var port);
            return SipUri.Create("sip", extension, host, port).ToString();
        }

        private void Start(Entry entry, DialogSubscription subscription, CancellationToken ct)
        {
            var now = DateTime.UtcNow;
            var at = _nextStart > now ? _nextStart : now;
            _nextStart = at + TimeSpan.FromSeconds(1 / Math.Max(_settings.SubscribeRate, 0.1));
            var delay = at - now;
            entry.Subscription = subscription;
            entry.Stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var token = entry.Stop.Token;
            entry.Running = Task.Run(async () =>
            {
                try
                {
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await subscription.RunAsync(token).ConfigureAwait(false);
            });
        }

        /// <summary>Every subscription starts again (the connection to the server dropped).</summary>
        public void WakeAll(SubscriptionWake wake)
        {
            List<DialogSubscription> all;
            lock (_entries) all = _entries.Values.Concat(_list != null ? new[] { _list } : new Entry[0]).Select(e => e.Subscription).Where(s => s != null).Select(s => s!).ToList();
            foreach (var s in all) s.Wake(wake);
        }

        public async Task StopAsync()
        {
            List<Task> running;
            lock (_entries)
            {
                foreach (var e in _entries.Values.Concat(_list != null ? new[] { _list } : new Entry[0])) e.Stop?.Cancel();
                running = _entries.Values.Concat(_list != null ? new[] { _list } : new Entry[0]).Where(e => e.Running != null).Select(e => e.Running!).Concat(_stopping).ToList();
                _entries.Clear();
                _list = null;
            }
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        private sealed class Entry
        {
            public Entry(ExtensionLine line) => Line = line;

            public ExtensionLine Line { get; }
            public DialogSubscription? Subscription { get; set; }
            public CancellationTokenSource? Stop { get; set; }
            public Task? Running { get; set; }
        }
    }
}
