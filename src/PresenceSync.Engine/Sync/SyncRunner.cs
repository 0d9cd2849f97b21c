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
    /// Start-PresenceSync's engine. On a local store it takes the store's sync lock; on a shared
    /// one it shares the units with the other hosts through unit leases (SharedSyncLoop). It loads the units into memory,
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
            var deadline = _options.Duration is TimeSpan d ? DateTime.UtcNow + d : (DateTime?)null;
            if (_context.Store.Shared)
            {
                var mayRun = _options.BusinessUnits.Count == 0 ? null : (ISet<long>)new HashSet<long>(units.Select(u => u.Unit.Id));
                var shared = new SharedSyncLoop(_context, _options, mayRun, ResolveUnits);
                if (_options.Once) await shared.RunOnceAsync(ct).ConfigureAwait(false);
                else await shared.RunAsync(deadline, ct).ConfigureAwait(false);
                return;
            }
            // One local file: one sync at a time, as before; its lock says so to a second one.
            var syncLock = new SyncLock(_context.Store);
            var recovered = syncLock.Acquire(_context.Clock.UtcNow, units.Select(u => u.Unit.Id));
            if (recovered != null) _context.Host.WriteWarning(recovered);
            try
            {
                Prune(units);
                await new CompositionRun(_context, _options).RunAsync(units, () => syncLock.Heartbeat(_context.Clock.UtcNow), syncLock.Owner,
                    deadline, recovered != null, first: true, ct).ConfigureAwait(false);
            }
            finally
            {
                try { syncLock.Release(); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { _context.Host.WriteWarning($"The sync lock could not be released: {ex.Message}"); }
            }
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

        internal List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> ResolveUnits()
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

        internal void Prune(List<(PresenceBusinessUnit Unit, IReadOnlyList<AppRecord> Apps)> units)
        {
            var cut = _context.Clock.UtcNow - _options.HistoryRetention;
            foreach (var (unit, _) in units) _context.Store.Write((c, tx) => HistoryRepository.Prune(c, tx, unit, cut));
        }
    }
}
