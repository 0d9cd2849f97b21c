using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Core;
using PresenceSync.Engine.Sync.Sources;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Start-PresenceSync's engine. It takes the store's sync lock, loads every unit into memory,
    /// reads Teams once and decides every agent; then (unless -Once) it runs event-driven: each ACD
    /// event is decided within the coalescing window, Teams is reconciled on the poll interval, and
    /// refreshes come from a timer queue. At the end it lets the writes already sent land, then
    /// releases the lock.
    /// </summary>
    public sealed class SyncRunner
    {
        private readonly EngineContext _context;
        private readonly SyncOptions _options;

        public SyncRunner(EngineContext context, SyncOptions options)
        {
            _context = context;
            _options = options;
        }

        public async Task RunAsync(CancellationToken ct)
        {
            Validate();
            var units = ResolveUnits();
            var syncLock = new SyncLock(_context.Store);
            var recovered = _options.Standby && _context.Store.Shared
                ? await syncLock.AcquireWhenFreeAsync(() => _context.Clock.UtcNow, _context.Host.WriteVerbose, ct).ConfigureAwait(false)
                : syncLock.Acquire(_context.Clock.UtcNow);
            if (recovered != null) _context.Host.WriteWarning(recovered);
            try
            {
                if (recovered != null && _options.RecoverySettle > TimeSpan.Zero) await Task.Delay(_options.RecoverySettle, ct).ConfigureAwait(false);
                Prune(units);
                var lastEvent = _context.Store.Read((c, tx) => SyncEventTail.Last(c, tx)); // before loading: nothing falls in between
                using var run = SyncComposition.Build(_context, _options, units, lastEvent);
                if (run.Engines.Count == 0) return;
                _context.Store.Write((c, tx) => { SyncStatusRepository.ClearSources(c, tx); return true; });
                foreach (var engine in run.Engines) engine.Load();
                await Task.WhenAll(run.Engines.Select(e => PollingTeamsSource.ReadOnceAsync(e.Unit.Name, run.Apps[e].Reader, run.Targets, ct))).ConfigureAwait(false);
                foreach (var engine in run.Engines) engine.StartDeciding();
                await RunPartsAsync(run, syncLock, ct).ConfigureAwait(false);
            }
            finally
            {
                try { syncLock.Release(); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { _context.Host.WriteWarning($"The sync lock could not be released: {ex.Message}"); }
            }
        }

        private async Task RunPartsAsync(SyncComposition run, SyncLock syncLock, CancellationToken ct)
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
            var watch = new RunWatch(_context, syncLock, run.Engines, _options.StoreInterval, credentials);
            var deadline = _options.Duration is TimeSpan d ? DateTime.UtcNow + d : (DateTime?)null;
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

        private void Validate()
        {
            if (_options.CoalescingWindow < TimeSpan.Zero || _options.PollInterval <= TimeSpan.Zero)
                throw new PresenceSyncException(new EngineError(ErrorIds.InvalidSyncInterval, ErrorKind.InvalidArgument,
                    "-CoalescingWindow cannot be negative and -PollInterval must be longer than zero.", _options.PollInterval), fatal: true);
            if (_options.Endpoint != null && string.IsNullOrEmpty(_options.EventSecret))
                throw new PresenceSyncException(new EngineError(ErrorIds.InvalidEventSignature, ErrorKind.InvalidArgument,
                    "The event endpoint needs a shared secret (-EventSecret) to check the ACD's signatures.", _options.Endpoint.ToString()), fatal: true);
            if (_options.Endpoint?.Certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 certificate && !certificate.HasPrivateKey)
                throw new PresenceSyncException(new EngineError(ErrorIds.EndpointUnavailable, ErrorKind.InvalidArgument,
                    $"The certificate {certificate.Thumbprint} for the event endpoint has no private key: HTTPS needs one.", certificate.Thumbprint,
                    "Give the certificate with its private key, for example from a PFX file: [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($path, $password)."), fatal: true);
        }

        private List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> ResolveUnits()
        {
            var result = _context.Store.Read((c, tx) =>
            {
                var units = _options.BusinessUnits.Count == 0
                    ? BusinessUnitRepository.All(c, tx).Where(u => AppRepository.Any(c, tx, u)).ToList()
                    : _options.BusinessUnits.Select(n => BusinessUnitRepository.Require(c, tx, n)).ToList();
                return units.Select(u => (u, (IReadOnlyList<AppRecord>)AppRepository.ForUnit(c, tx, u))).ToList();
            });
            foreach (var missing in result.Where(r => r.Item2.Count == 0))
                throw new PresenceSyncException(new EngineError(ErrorIds.NoSyncApp, ErrorKind.InvalidOperation,
                    $"Business unit '{missing.Item1.Name}' has no app to sync through.", missing.Item1.Name,
                    "Connect it with New-PresenceSyncApp first."), fatal: true);
            if (result.Count == 0)
                throw new PresenceSyncException(new EngineError(ErrorIds.NoSyncApp, ErrorKind.InvalidOperation,
                    "No business unit has an app to sync through.", null, "Connect a tenant with New-PresenceSyncApp first."), fatal: true);
            return result;
        }

        private void Prune(List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units)
        {
            var cut = _context.Clock.UtcNow - _options.HistoryRetention;
            foreach (var (unit, _) in units) _context.Store.Write((c, tx) => HistoryRepository.Prune(c, tx, unit, cut));
        }
    }
}
