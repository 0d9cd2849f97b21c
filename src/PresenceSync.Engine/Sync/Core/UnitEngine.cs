using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// One business unit while the sync runs. Its agents live in memory; one loop owns them and
    /// takes its work from an inbox (ACD events recorded, Teams observations, writes landed,
    /// configuration changed) and from a timer queue (coalescing windows, refreshes), so waiting
    /// costs nothing per agent. Each turn's store work is one transaction.
    /// </summary>
    internal sealed class UnitEngine
    {
        private readonly EngineContext _context;
        private const int StoreAttempts = 4;
        private readonly SyncOptions _options;
        private readonly UnitApps _apps;
        private readonly ConcurrentQueue<Action<StoreBatch, DateTime>> _inbox = new ConcurrentQueue<Action<StoreBatch, DateTime>>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly TimerQueue _timers = new TimerQueue();
        private readonly AgentDecisions _decisions;
        private readonly UnitStatusReporter _status;
        private readonly HashSet<string> _acdChanged = new HashSet<string>(KeyComparer.Instance);
        private Dictionary<string, AgentSlot> _slots = new Dictionary<string, AgentSlot>(KeyComparer.Instance);
        private Dictionary<Guid, List<AgentSlot>> _byUser = new Dictionary<Guid, List<AgentSlot>>();
        private Guid[] _watched = Array.Empty<Guid>();
        private bool _deciding;
        private readonly Routing.UnitRouting? _routing;

        public UnitEngine(EngineContext context, PresenceBusinessUnit unit, SyncOptions options, UnitApps apps, SinkFanout sinks, Routing.UnitRouting? routing = null)
        {
            _routing = routing;
            _context = context;
            Unit = unit;
            _options = options;
            _apps = apps;
            Counters = new UnitCounters();
            _decisions = new AgentDecisions(context, unit, options.Timings, _timers, slot => _apps.For(slot), Counters, sinks);
            _status = new UnitStatusReporter(context, unit, apps, Counters);
        }

        public PresenceBusinessUnit Unit { get; }
        public UnitCounters Counters { get; }
        public TeamsView Teams => _status.Teams;
        public int Agents => _slots.Count;

        /// <summary>The Teams users to read: every mapped agent's, and those orphans may still hold a session on.</summary>
        public IReadOnlyList<Guid> WatchedUsers => Volatile.Read(ref _watched);

        /// <summary>Reads the unit from the store. Nothing is decided until <see cref="StartDeciding"/>.</summary>
        public void Load()
        {
            UseAssignment();
            Adopt(UnitLoader.Load(_context.Store, Unit, null));
        }

        /// <summary>Decides every agent once (after the first Teams read, so that the first decisions see Teams).</summary>
        public void StartDeciding() => Post((batch, now) =>
        {
            _deciding = true;
            foreach (var slot in _slots.Values) _timers.Schedule(slot, now);
        });

        public void Recorded(string agentId) => Post((batch, now) => _acdChanged.Add(agentId));

        public void Observed(IReadOnlyList<TeamsPresence> presences, bool complete, DateTime readStartedUtc, TimeSpan took) => Post((batch, now) =>
        {
            foreach (var p in presences)
            {
                if (!_byUser.TryGetValue(p.TeamsUserId, out var slots)) continue;
                foreach (var slot in slots)
                {
                    if (!Newer(p, slot))
                    {
                        // Nothing new, but a run that just started learns which status message Teams shows (one of its rows' is its to clear).
                        if (slot.State.TeamsStatusMessage == null) slot.State.TeamsStatusMessage = p.StatusMessage;
                        continue;
                    }
                    slot.Observed = p;
                    _routing?.Teams(slot.AgentId, p.State, p.ReadUtc < now ? p.ReadUtc : now, now);
                    _timers.Schedule(slot, now);
                }
            }
            if (complete) _status.Reconciled(readStartedUtc, took);
            if (complete) _routing?.Reconciled(readStartedUtc, now);
        });

        public void ReadFailed(EngineError error) => Post((batch, now) =>
        {
            _status.ReadFailed(error, now);
            _routing?.ReadFailed(now);
        });

        public void Landed(WriteJob job, TeamsWriteOutcome outcome, DateTime confirmedUtc) =>
            Post((batch, now) => _decisions.Landed(job, outcome, confirmedUtc, batch));

        public void ConfigurationChanged() => Post((batch, now) =>
        {
            UseAssignment();
            Adopt(UnitLoader.Load(_context.Store, Unit, _slots));
            // Rules or mappings changed: every agent's decision may differ now.
            if (_deciding) foreach (var slot in _slots.Values) _timers.Schedule(slot, now);
        });

        /// <summary>
        /// Runs the loop. When <paramref name="stop"/> ends, nothing new is decided or queued, and the
        /// loop ends once the writes already on their way have landed (or <paramref name="abort"/> ends).
        /// With <paramref name="untilIdle"/> (-Once) it also ends as soon as nothing is left to do.
        /// </summary>
        public async Task RunAsync(bool untilIdle, CancellationToken stop, CancellationToken abort)
        {
            var stopping = false;
            while (true)
            {
                var now = _context.Clock.UtcNow;
                var batch = new StoreBatch(Unit);
                while (_inbox.TryDequeue(out var work)) work(batch, now);
                if (_acdChanged.Count > 0) ReloadAcdSide(now, batch);
                if (!stopping && _deciding)
                {
                    foreach (var slot in _timers.TakeDue(now))
                    {
                        _decisions.Decide(slot, now, batch);
                        _routing?.Acd(slot.AgentId, slot.State.AcdState, slot.State.AcdStateUtc, now); // a change decided from Teams
                    }
                }
                _routing?.Tick(now);
                Flush(batch);
                _status.Tick(_slots.Values, now, force: false);

                if (stop.IsCancellationRequested && !stopping)
                {
                    stopping = true;
                    foreach (var slot in _slots.Values) _decisions.TryDrop(slot); // queued, never sent: the store still has them announced
                }
                var idle = _inbox.IsEmpty && _decisions.OpenJobs == 0 && _deciding;
                if ((stopping && _decisions.OpenJobs == 0) || abort.IsCancellationRequested || (untilIdle && idle && !(_timers.Next <= now)))
                {
                    _status.Tick(_slots.Values, _context.Clock.UtcNow, force: true);
                    return;
                }
                var wait = TimeSpan.FromSeconds(1);
                if (!stopping && _timers.Next is DateTime next && next - now < wait) wait = next - now;
                if (wait > TimeSpan.Zero)
                {
                    try { await _signal.WaitAsync(wait, abort).ConfigureAwait(false); }
                    catch (OperationCanceledException) { }
                }
            }
        }

        /// <summary>Which app each agent writes through, assigning new agents (the store keeps it stable across runs).</summary>
        private void UseAssignment() => _apps.Use(_context.Store.Write((c, tx) =>
            Tenant.AppAssignment.AssignAll(c, tx, Unit, _context.Clock.UtcNow).ToDictionary(p => p.Key, p => p.Value.ClientId, KeyComparer.Instance)));

        private void Post(Action<StoreBatch, DateTime> work)
        {
            _inbox.Enqueue(work);
            _signal.Release();
        }

        private void Adopt(Dictionary<string, AgentSlot> slots)
        {
            var byUser = new Dictionary<Guid, List<AgentSlot>>();
            foreach (var slot in slots.Values)
            {
                if (!byUser.TryGetValue(slot.TeamsUserId, out var list)) byUser[slot.TeamsUserId] = list = new List<AgentSlot>(1);
                list.Add(slot);
                _apps.Assign(slot);
            }
            _slots = slots;
            _byUser = byUser;
            Volatile.Write(ref _watched, byUser.Keys.ToArray());
            _routing?.Reload(_context.Store, slots.Values.Select(s => (s.AgentId, s.Mapped, s.State.TeamsState, s.State.TeamsSeenUtc, s.State.AcdState, s.State.AcdStateUtc)),
                _context.Clock.UtcNow);
        }

        /// <summary>Teams reports are ordered by sequence number: only a newer one is worth a decision.</summary>
        private static bool Newer(TeamsPresence p, AgentSlot slot)
        {
            var known = slot.Observed?.SequenceNumber ?? slot.State.TeamsSequence;
            if (p.SequenceNumber == null || known == null) return !Equals(p.State, slot.Observed?.State ?? slot.State.TeamsState);
            return string.CompareOrdinal(p.SequenceNumber, known) > 0;
        }

        /// <summary>ACD events were recorded for these agents: take their ACD side from the store, and decide after the coalescing window.</summary>
        private void ReloadAcdSide(DateTime now, StoreBatch batch)
        {
            var wanted = _acdChanged.Where(_slots.ContainsKey).ToList();
            _acdChanged.Clear();
            if (wanted.Count == 0) return;
            var rows = _context.Store.Read((c, tx) => wanted.Select(id => AgentSyncRepository.Find(c, tx, Unit, id)).Where(r => r != null)
                .Select(r => (Row: r!, Reason: r!.AcdEventId is long e ? SyncEventRepository.ReasonOf(c, tx, e) : null)).ToList());
            foreach (var (row, reason) in rows)
            {
                var s = _slots[row.AgentId].State;
                if (row.AcdEventId == s.AcdEventId && row.AcdStateUtc == s.AcdStateUtc && row.AcdState == s.AcdState) continue;
                var before = s.Clone();
                s.AcdState = row.AcdState;
                s.RuleState = row.RuleState;
                s.AcdEventId = row.AcdEventId;
                s.AcdStateUtc = row.AcdStateUtc;
                s.AcdByEngine = row.AcdByEngine;
                s.AcdReason = reason;
                _decisions.EndedEarly(_slots[row.AgentId], before, row.AcdStateUtc ?? now, batch);
                Counters.AcdEvent();
                _routing?.Acd(row.AgentId, row.AcdState, row.AcdStateUtc, now); // at once: an agent in an ACD contact is never routable
                _timers.Schedule(_slots[row.AgentId], now + _options.CoalescingWindow);
            }
        }

        /// <summary>
        /// Stores the turn. A store that refuses (disk full, read-only, file gone) is tried again for
        /// a few seconds; then the sync stops with the store's own error. Nothing of a failed turn
        /// was sent to Teams or the ACD, and what was stored before stays as it was.
        /// </summary>
        private void Flush(StoreBatch batch)
        {
            if (batch.IsEmpty) return;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    batch.Commit(_context.Store);
                    return;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && attempt < StoreAttempts)
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(500 * attempt));
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is PresenceSyncException))
                {
                    throw StoreFault.Of(ex, _context.Store.Path);
                }
            }
        }
    }
}
