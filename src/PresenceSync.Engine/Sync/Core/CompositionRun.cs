using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Sources;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// One composition's run for a set of units: it loads them, reads Teams once and decides every
    /// agent, then runs event-driven until it is stopped (or, with -Once, until every engine is
    /// idle), and winds down in order so the writes on their way land. A host on a shared store
    /// runs one of these for the units it holds and starts a new one when that set changes.
    /// </summary>
    internal sealed class CompositionRun
    {
        private readonly EngineContext _context;
        private readonly SyncOptions _options;

        public CompositionRun(EngineContext context, SyncOptions options)
        {
            _context = context;
            _options = options;
        }

        /// <param name="beat">The heartbeat of whatever excludes other syncs (the lock, or nothing when the leases beat on their own); true to stop.</param>
        /// <param name="recorder">This run's id, carried by the events its own sources record.</param>
        /// <param name="first">The host's first run: it clears the source health an earlier run left.</param>
        public async Task RunAsync(List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units, Func<bool> beat, string recorder,
            DateTime? deadline, bool recovered, bool first, CancellationToken ct)
        {
            if (recovered && _options.RecoverySettle > TimeSpan.Zero) await Task.Delay(_options.RecoverySettle, ct).ConfigureAwait(false);
            var lastEvent = _context.Store.Read((c, tx) => SyncEventTail.Last(c, tx)); // before loading: nothing falls in between
            using var run = SyncComposition.Build(_context, _options, units, lastEvent, recorder);
            if (run.Engines.Count == 0) return;
            if (first) _context.Store.Write((c, tx) => { SyncStatusRepository.ClearSources(c, tx); return true; });
            foreach (var engine in run.Engines) engine.Load();
            await Task.WhenAll(run.Engines.Select(e => PollingTeamsSource.ReadOnceAsync(e.Unit.Name, run.Apps[e].Reader, run.Targets, ct))).ConfigureAwait(false);
            foreach (var engine in run.Engines) engine.StartDeciding();
            await RunPartsAsync(run, beat, deadline, ct).ConfigureAwait(false);
        }

        private async Task RunPartsAsync(SyncComposition run, Func<bool> beat, DateTime? deadline, CancellationToken ct)
        {
            var supervisor = new Supervisor(_context, run.Targets);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, supervisor.Fatal);
            using var sources = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            using var writers = new CancellationTokenSource();
            using var abort = new CancellationTokenSource();
            using var sinks = new CancellationTokenSource();

            var writing = run.Writers.Select(w => supervisor.Keep("Writer " + w.ClientId, w.RunAsync, writers.Token)).ToList();
            var delivering = run.Sinks.RunAsync(sinks.Token);
            var engines = run.Engines.Select(e => Engine(supervisor, e, stop.Token, abort.Token)).ToList();
            var feeding = run.AcdSources.Select(s => supervisor.Keep(s.Name, t => s.RunAsync(run.Targets, t), sources.Token))
                .Concat(run.TeamsSources.Select(s => supervisor.Keep(s.Name, t => s.RunAsync(run.Targets, t), sources.Token))).ToList();
            var credentials = new CredentialWatch(_context, run.Engines.Select(e => e.Unit.Name));
            var startedUtc = _context.Clock.UtcNow;
            var warnings = credentials.Warn(startedUtc, force: true);
            var watch = new RunWatch(_context, beat, run.Engines, _options.StoreInterval, credentials);
            var watching = watch.WatchAsync(deadline, !_options.Once, stop.Token);

            // -Once ends when every engine is idle; a long run when it is stopped, runs out of time, or fails.
            await Task.WhenAny(_options.Once ? Task.WhenAll(engines) : Task.WhenAny(engines), watching).ConfigureAwait(false);
            // Wind down in order: no new input, no new writes, the writes on their way land and are recorded.
            sources.Cancel();
            stop.Cancel();
            writers.Cancel();
            await Task.WhenAll(feeding).ConfigureAwait(false);
            await Task.WhenAll(writing).ConfigureAwait(false);
            await Task.WhenAll(run.Writers.Select(w => w.DrainAsync(_options.DrainTimeout))).ConfigureAwait(false);
            abort.CancelAfter(TimeSpan.FromSeconds(2));
            await Task.WhenAll(engines).ConfigureAwait(false);
            await DrainSinksAsync(run).ConfigureAwait(false);
            sinks.Cancel();
            await delivering.ConfigureAwait(false);
            run.Sinks.Abandon();
            await watching.ConfigureAwait(false);
            if (supervisor.FatalError != null) throw supervisor.FatalError;
            if (_options.Once) Summarize(run, startedUtc, warnings);
        }

        /// <summary>
        /// -Once ends with one summary per unit; a unit that could not sync at all then ends the
        /// cmdlet with a terminating error (the first such unit; the others are written as errors),
        /// so an unattended run exits non-zero.
        /// </summary>
        private void Summarize(SyncComposition run, DateTime startedUtc, IReadOnlyList<(string Unit, string Text)> warnings)
        {
            var summaries = RunSummaries.Build(run, startedUtc, _context.Clock.UtcNow, warnings);
            foreach (var summary in summaries) _context.Host.WriteObject(summary);
            var failed = summaries.Where(s => s.Result == PresenceSyncSummary.Failed)
                .Select(s => RunSummaries.Failure(s, run.Engines.First(e => e.Unit.Name == s.BusinessUnit).Teams)).ToList();
            foreach (var error in failed.Skip(1)) _context.Host.WriteError(error);
            if (failed.Count > 0) throw new PresenceSyncException(failed[0], fatal: true);
        }

        /// <summary>A unit's loop; one that fails unexpectedly is started again on the state it holds, one the store refuses ends the run.</summary>
        private async Task Engine(Supervisor supervisor, UnitEngine engine, CancellationToken stop, CancellationToken abort)
        {
            while (true)
            {
                try
                {
                    await engine.RunAsync(_options.Once, stop, abort).ConfigureAwait(false);
                    return;
                }
                catch (PresenceSyncException ex) when (ex.Fatal)
                {
                    supervisor.Fail(ex);
                    return;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    ReportRestart(engine, ex);
                    try { await Task.Delay(TimeSpan.FromSeconds(1), abort).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
                }
            }
        }

        private void ReportRestart(UnitEngine engine, Exception ex) =>
            _context.Host.WriteError(new EngineError(ErrorIds.SourceFailed, ErrorKind.NotSpecified,
                $"The sync of business unit '{engine.Unit.Name}' failed and starts again: {ex.Message}", engine.Unit.Name));

        /// <summary>Changes decided last still reach the ACD; a webhook that hangs costs at most its own retries.</summary>
        private async Task DrainSinksAsync(SyncComposition run)
        {
            var until = DateTime.UtcNow + _options.DrainTimeout;
            while (run.Sinks.Busy && DateTime.UtcNow < until) await Task.Delay(50).ConfigureAwait(false);
        }
    }
}
