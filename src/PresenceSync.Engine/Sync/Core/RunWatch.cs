using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// The run's own clockwork, apart from any agent: the lock's heartbeat (and Stop-PresenceSync's
    /// request), configuration changes a unit must reload, and -Duration. It runs on its own beat,
    /// so a busy engine never makes the lock look abandoned.
    /// </summary>
    internal sealed class RunWatch
    {
        private readonly EngineContext _context;
        private readonly Func<bool> _beat;
        private readonly IReadOnlyList<UnitEngine> _engines;
        private readonly TimeSpan _configInterval;

        private readonly CredentialWatch _credentials;

        public RunWatch(EngineContext context, Func<bool> beat, IReadOnlyList<UnitEngine> engines, TimeSpan configInterval, CredentialWatch credentials)
        {
            _credentials = credentials;
            _context = context;
            _beat = beat;
            _engines = engines;
            _configInterval = configInterval;
        }

        /// <summary>Returns when the run should end: asked to stop, out of time, or <paramref name="ct"/> cancelled.</summary>
        public async Task WatchAsync(DateTime? deadline, bool watchConfiguration, CancellationToken ct)
        {
            var versions = Versions();
            var nextBeat = DateTime.UtcNow + SyncLock.HeartbeatInterval;
            var tick = watchConfiguration ? _configInterval : TimeSpan.FromSeconds(1);
            while (!ct.IsCancellationRequested)
            {
                var wait = tick;
                if (deadline is DateTime end)
                {
                    var left = end - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return;
                    if (left < wait) wait = left;
                }
                try { await Task.Delay(wait, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                if (DateTime.UtcNow >= nextBeat)
                {
                    nextBeat = DateTime.UtcNow + SyncLock.HeartbeatInterval;
                    if (Beat()) return;
                    _credentials.Warn(_context.Clock.UtcNow);
                    await _credentials.RetireAsync(_context.Clock.UtcNow, ct).ConfigureAwait(false);
                }
                if (!watchConfiguration) continue;
                var now = Versions();
                foreach (var engine in _engines)
                {
                    if (now.TryGetValue(engine.Unit.Id, out var v) && versions.TryGetValue(engine.Unit.Id, out var before) && v != before)
                        engine.ConfigurationChanged();
                }
                versions = now;
            }
        }

        /// <summary>Refreshes the lock; true when Stop-PresenceSync asked this sync to stop.</summary>
        public bool Beat()
        {
            try
            {
                return _beat();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is PresenceSyncException))
            {
                // A store that cannot be written shows in the engines' own turns; the heartbeat just tries again.
                _context.Host.WriteVerbose($"The sync lock's heartbeat could not be stored: {ex.Message}");
                return false;
            }
        }

        private Dictionary<long, long> Versions()
        {
            try
            {
                return _context.Store.Read((c, tx) => UnitConfigRepository.Versions(c, tx));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is PresenceSyncException))
            {
                return new Dictionary<long, long>();
            }
        }
    }
}
