using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Start-PresenceSync's engine: takes the store's sync lock, hosts the event endpoint, and runs
    /// passes every pacing interval (reading Teams every poll interval) until stopped, or once.
    /// ACD events within one interval collapse into one write per agent.
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
            if (_options.PacingInterval <= TimeSpan.Zero || _options.PollInterval <= TimeSpan.Zero)
                throw new PresenceSyncException(new EngineError(ErrorIds.InvalidSyncInterval, ErrorKind.InvalidArgument,
                    "-PacingInterval and -PollInterval must be longer than zero.", _options.PacingInterval), fatal: true);
            var units = ResolveUnits();
            if (_options.ListenerPrefix != null && string.IsNullOrEmpty(_options.EventSecret))
                throw new PresenceSyncException(new EngineError(ErrorIds.InvalidEventSignature, ErrorKind.InvalidArgument,
                    "The event endpoint needs a shared secret (-EventSecret) to check the ACD's signatures.", _options.ListenerPrefix), fatal: true);

            var syncLock = new SyncLock(_context.Store);
            var recovered = syncLock.Acquire(_context.Clock.UtcNow);
            if (recovered != null) _context.Host.WriteWarning(recovered);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            AcdEventListener? listener = null;
            Task? listening = null;
            using var webhook = _options.AcdWebhookUrl != null ? new AcdWebhook(_options.AcdWebhookUrl, _options.AcdWebhookSecret, _options.WebhookAttempts) : null;
            try
            {
                if (recovered != null && _options.RecoverySettle > TimeSpan.Zero) await Task.Delay(_options.RecoverySettle, stop.Token).ConfigureAwait(false);
                if (_options.ListenerPrefix != null)
                {
                    listener = new AcdEventListener(_context, _options.ListenerPrefix, _options.EventSecret!);
                    listener.Start();
                    listening = listener.RunAsync(stop.Token);
                    _context.Host.WriteVerbose($"Listening for ACD events on {_options.ListenerPrefix}");
                }
                Prune(units);
                await LoopAsync(units, syncLock, webhook, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                stop.Cancel();
                listener?.Dispose();
                if (listening != null) await listening.ConfigureAwait(false);
                syncLock.Release();
            }
        }

        private async Task LoopAsync(List<(PresenceBusinessUnit Unit, AppRecord App)> units, SyncLock syncLock, AcdWebhook? webhook, CancellationToken ct)
        {
            var deadline = _options.Duration is TimeSpan d ? DateTime.UtcNow + d : (DateTime?)null;
            // The heartbeat runs on its own beat, so a long pass or a long pacing interval never makes the lock look abandoned.
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stopRequested = false;
            var heartbeat = Task.Run(async () =>
            {
                while (!beat.IsCancellationRequested)
                {
                    try { await Task.Delay(SyncLock.HeartbeatInterval, beat.Token).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
                    if (syncLock.Heartbeat(_context.Clock.UtcNow)) { stopRequested = true; beat.Cancel(); }
                }
            });
            try
            {
                await PassesAsync(units, syncLock, webhook, deadline, () => stopRequested, beat.Token).ConfigureAwait(false);
            }
            finally
            {
                beat.Cancel();
                await heartbeat.ConfigureAwait(false);
            }
        }

        private async Task PassesAsync(List<(PresenceBusinessUnit Unit, AppRecord App)> units, SyncLock syncLock, AcdWebhook? webhook,
            DateTime? deadline, Func<bool> stopRequested, CancellationToken ct)
        {
            var lastRead = DateTime.MinValue;
            while (true)
            {
                var readTeams = _options.Once || DateTime.UtcNow - lastRead >= _options.PollInterval;
                foreach (var (unit, app) in units)
                {
                    try
                    {
                        var session = AppCredentialFactory.Session(app, unit.Name, _context.Secrets);
                        await new SyncPass(_context, unit, session, _options, webhook).RunAsync(readTeams, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is PresenceSyncException p && p.Fatal))
                    {
                        // One unit failing (a revoked permission, an outage) must not stop the others or the next pass.
                        _context.Host.WriteError(GraphErrorTranslator.Translate(ex, unit.Name).Error);
                    }
                }
                if (readTeams) lastRead = DateTime.UtcNow;
                if (syncLock.Heartbeat(_context.Clock.UtcNow) || stopRequested()) return;
                if (_options.Once || ct.IsCancellationRequested || (deadline is DateTime end && DateTime.UtcNow >= end)) return;
                var wait = _options.PacingInterval;
                if (deadline is DateTime last && last - DateTime.UtcNow < wait) wait = last - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    try { await Task.Delay(wait, ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                }
            }
        }

        private List<(PresenceBusinessUnit, AppRecord)> ResolveUnits()
        {
            var result = _context.Store.Read((c, tx) =>
            {
                var units = _options.BusinessUnits.Count == 0
                    ? BusinessUnitRepository.All(c, tx).Where(u => AppRepository.Find(c, tx, u) != null).ToList()
                    : _options.BusinessUnits.Select(n => BusinessUnitRepository.Require(c, tx, n)).ToList();
                return units.Select(u => (u, AppRepository.Find(c, tx, u))).ToList();
            });
            foreach (var missing in result.Where(r => r.Item2 == null))
                throw new PresenceSyncException(new EngineError(ErrorIds.NoSyncApp, ErrorKind.InvalidOperation,
                    $"Business unit '{missing.Item1.Name}' has no app to sync through.", missing.Item1.Name,
                    "Connect it with New-PresenceSyncApp first."), fatal: true);
            if (result.Count == 0)
                throw new PresenceSyncException(new EngineError(ErrorIds.NoSyncApp, ErrorKind.InvalidOperation,
                    "No business unit has an app to sync through.", null, "Connect a tenant with New-PresenceSyncApp first."), fatal: true);
            return result.Select(r => (r.Item1, r.Item2!)).ToList();
        }

        private void Prune(List<(PresenceBusinessUnit Unit, AppRecord App)> units)
        {
            var cut = _context.Clock.UtcNow - _options.HistoryRetention;
            foreach (var (unit, _) in units) _context.Store.Write((c, tx) => HistoryRepository.Prune(c, tx, unit, cut));
        }
    }
}
