using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// The store intake: ACD events that Set-PresenceAgentState (in any session or process) records
    /// in the store reach the running sync through here. It follows the event table by id, a
    /// query that costs the same whatever the number of agents.
    /// </summary>
    internal sealed class StoreIntakeSource : IAcdEventSource
    {
        private const int MaxPerRead = 5000;
        private readonly EngineContext _context;
        private readonly IReadOnlyCollection<string> _skipSources;
        private readonly string _recorder;
        private readonly TimeSpan _interval;
        private long _after;

        /// <param name="after">The last event already known when the sync loaded its agents.</param>
        /// <param name="skipSources">Sources this sync feeds itself (its own endpoint, the Teams side): their events are not news.</param>
        /// <param name="recorder">This run's id. Only its own sources' events are skipped: another host's endpoint (also "Http")
        /// may record an event for a unit this host owns, and this intake is how it reaches the owner.</param>
        public StoreIntakeSource(EngineContext context, long after, IReadOnlyCollection<string> skipSources, string recorder, TimeSpan interval)
        {
            _recorder = recorder;
            _context = context;
            _after = after;
            _skipSources = skipSources;
            _interval = interval;
        }

        public string Name => "Store";

        public async Task RunAsync(IAcdEventTarget target, CancellationToken ct)
        {
            target.Report(new SourceHealth(Name, null, true, null, "Following events recorded by Set-PresenceAgentState", _context.Clock.UtcNow));
            while (!ct.IsCancellationRequested)
            {
                var events = _context.Store.Read((c, tx) => SyncEventTail.After(c, tx, _after, _skipSources, _recorder, MaxPerRead));
                foreach (var (id, unit, agentId) in events)
                {
                    target.Recorded(unit, agentId, id);
                    _after = id;
                }
                if (events.Count == MaxPerRead) continue;
                try { await Task.Delay(_interval, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
