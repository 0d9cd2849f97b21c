using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Core;
using PresenceSync.Engine.Sync.Leases;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// A host on a shared store. The unit leases are looked at on their own beat (so a busy or
    /// winding-down sync never lets them lapse); the host runs one composition for the units it
    /// holds and, when that set changes (a unit taken over, one handed to a new host), winds it
    /// down - the writes on their way land - hands back what it gives up, and starts a new one for
    /// the new set: a pause of a few seconds for the units it keeps.
    /// </summary>
    internal sealed class SharedSyncLoop
    {
        private readonly EngineContext _context;
        private readonly SyncOptions _options;
        private readonly ISet<long>? _mayRun;
        private readonly Func<List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)>> _resolve;

        public SharedSyncLoop(EngineContext context, SyncOptions options, ISet<long>? mayRun, Func<List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)>> resolve)
        {
            _context = context;
            _options = options;
            _mayRun = mayRun;
            _resolve = resolve;
        }

        public async Task RunAsync(DateTime? deadline, CancellationToken ct)
        {
            var leases = new UnitLeases(_context.Store, _mayRun);
            using var stopLooking = new CancellationTokenSource();
            using var changed = new SemaphoreSlim(0);
            var looking = LookAsync(leases, changed, stopLooking.Token);
            var current = new List<long>();
            Task? run = null;
            CancellationTokenSource? runStop = null;
            var first = true;
            try
            {
                while (!ct.IsCancellationRequested && !leases.StopRequested && !(deadline is DateTime end && DateTime.UtcNow >= end))
                {
                    var wanted = leases.Wanted.ToList();
                    if (run != null && run.IsCompleted) { await run.ConfigureAwait(false); run = null; current.Clear(); }  // it failed or ended: say why
                    if (!wanted.SequenceEqual(current))
                    {
                        if (run != null) await WindDownAsync(run, runStop!).ConfigureAwait(false);
                        runStop?.Dispose();
                        // What it gives up (handed over, or lost to a host that found its lease lapsed) goes back once its writes landed.
                        leases.Release(current.Where(u => !wanted.Contains(u)), _context.Clock.UtcNow);
                        run = null;
                        current = wanted;
                        if (current.Count > 0)
                        {
                            var units = _resolve().Where(u => current.Contains(u.Unit.Id)).ToList();
                            _context.Host.WriteVerbose($"This host runs {units.Count} business unit(s): {string.Join(", ", units.Select(u => u.Unit.Name))}.");
                            BudgetSplit.Apply(_context, units);
                            Prune(units);
                            runStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                            var recovered = units.Any(u => RecoveredFromDead(u.Unit));
                            run = new CompositionRun(_context, _options).RunAsync(units, () => leases.StopRequested, leases.Owner, deadline, recovered, first, runStop.Token);
                            first = false;
                        }
                        else if (first) _context.Host.WriteVerbose("Standing by: every business unit this host may run is held by another live host.");
                    }
                    var wait = Task.Delay(UnitLeases.LookInterval, ct);
                    await Task.WhenAny(wait, changed.WaitAsync(ct), run ?? wait).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            finally
            {
                if (run != null) await WindDownAsync(run, runStop!).ConfigureAwait(false);
                runStop?.Dispose();
                stopLooking.Cancel();
                await looking.ConfigureAwait(false);
                try { leases.Leave(_context.Clock.UtcNow); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { _context.Host.WriteWarning($"The unit leases could not be handed back: {ex.Message}"); }
            }
        }

        /// <summary>-Once on a shared store: the units no live host holds are run now; one another host holds is an error naming it.</summary>
        public async Task RunOnceAsync(CancellationToken ct)
        {
            var leases = new UnitLeases(_context.Store, _mayRun, register: false);
            leases.Look(_context.Clock.UtcNow);
            var held = new HashSet<long>(leases.Wanted);
            var all = _resolve();
            var owners = _context.Store.Read((c, tx) => UnitLeaseRepository.Leases(c, tx)).ToDictionary(l => l.UnitId);
            var refused = all.Where(u => !held.Contains(u.Unit.Id)).Select(u => Owned(u.Unit, owners.TryGetValue(u.Unit.Id, out var o) ? o : null)).ToList();
            foreach (var error in refused.Skip(held.Count == 0 ? 1 : 0)) _context.Host.WriteError(error);
            if (held.Count == 0) throw new PresenceSyncException(refused[0], fatal: true);
            using var stopBeating = new CancellationTokenSource();
            var beating = BeatAsync(leases, stopBeating.Token);
            try
            {
                var units = all.Where(u => held.Contains(u.Unit.Id)).ToList();
                BudgetSplit.Apply(_context, units);
                Prune(units);
                await new CompositionRun(_context, _options).RunAsync(units, () => false, leases.Owner, null, units.Any(u => RecoveredFromDead(u.Unit)), true, ct).ConfigureAwait(false);
            }
            finally
            {
                stopBeating.Cancel();
                await beating.ConfigureAwait(false);
                leases.Leave(_context.Clock.UtcNow);
            }
            if (refused.Count > 0) throw new PresenceSyncException(refused[0], fatal: true);
        }

        private static EngineError Owned(PresenceBusinessUnit unit, UnitOwner? owner) =>
            new EngineError(ErrorIds.SyncUnitOwnedByAnotherHost, ErrorKind.ResourceBusy,
                $"Business unit '{unit.Name}' is synced by another host: {owner?.Describe() ?? "unknown"}, last seen {owner?.HeartbeatUtc:u}. This run leaves it alone.",
                unit.Name, "That host keeps the unit in sync; if it is gone, its lease lapses 30 s after its last heartbeat and the next run takes the unit.");

        private async Task LookAsync(UnitLeases leases, SemaphoreSlim changed, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var news = leases.Look(_context.Clock.UtcNow);
                    if (news != null) { _context.Host.WriteVerbose(news); changed.Release(); }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // The leases lapse only after SharedLeaseTimeout: a store that fails a look or two costs nothing.
                    _context.Host.WriteVerbose($"The unit leases could not be looked at: {ex.Message}");
                }
                try { await Task.Delay(UnitLeases.LookInterval, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }

        private async Task BeatAsync(UnitLeases leases, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(UnitLeases.LookInterval, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                try { leases.Look(_context.Clock.UtcNow); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { _context.Host.WriteVerbose($"The unit leases could not be renewed: {ex.Message}"); }
            }
        }

        private static async Task WindDownAsync(Task run, CancellationTokenSource stop)
        {
            stop.Cancel();
            try { await run.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }

        /// <summary>True when the unit's writes may have been left announced by a host that died (a recovery then waits a little, as on one host).</summary>
        private bool RecoveredFromDead(PresenceBusinessUnit unit) =>
            _context.Store.Read((c, tx) => AgentSyncRepository.PendingCount(c, tx, unit)) > 0;

        private void Prune(List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units)
        {
            var cut = _context.Clock.UtcNow - _options.HistoryRetention;
            foreach (var (unit, _) in units) _context.Store.Write((c, tx) => HistoryRepository.Prune(c, tx, unit, cut));
        }
    }
}
