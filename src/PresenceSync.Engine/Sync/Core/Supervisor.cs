using System;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Keeps the sync's parts running: a source or writer that fails (or ends by itself) is
    /// reported and started again with backoff, and the others never notice. Only a fatal error
    /// (the store cannot be written, say) ends the run, through <see cref="Fatal"/>.
    /// </summary>
    internal sealed class Supervisor
    {
        private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan LastDelay = TimeSpan.FromSeconds(60);
        private readonly EngineContext _context;
        private readonly IAcdEventTarget _reports;
        private readonly CancellationTokenSource _fatal = new CancellationTokenSource();

        public Supervisor(EngineContext context, IAcdEventTarget reports)
        {
            _context = context;
            _reports = reports;
        }

        /// <summary>Signalled when a part failed in a way nothing can recover from.</summary>
        public CancellationToken Fatal => _fatal.Token;
        public PresenceSyncException? FatalError { get; private set; }

        public async Task Keep(string name, Func<CancellationToken, Task> run, CancellationToken ct)
        {
            var delay = FirstDelay;
            while (!ct.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                try
                {
                    await run(ct).ConfigureAwait(false);
                    if (ct.IsCancellationRequested) return;
                    _reports.Report(new SourceHealth(name, null, false, ErrorIds.SourceFailed, "It stopped by itself; starting it again.", _context.Clock.UtcNow));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (PresenceSyncException ex) when (ex.Fatal && StoreFault.IsStoreError(ex.Error.ErrorId))
                {
                    Fail(ex);
                    return;
                }
                catch (Exception ex)
                {
                    var error = ex is PresenceSyncException p ? p.Error : null;
                    _reports.Report(new SourceHealth(name, null, false, error?.ErrorId ?? ErrorIds.SourceFailed, error?.Message ?? ex.Message, _context.Clock.UtcNow));
                }
                // A part that ran well for a while starts again quickly; one that keeps failing waits longer each time.
                if (DateTime.UtcNow - started > LastDelay) delay = FirstDelay;
                try { await Task.Delay(delay, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(LastDelay.Ticks, delay.Ticks * 2));
            }
        }

        public void Fail(PresenceSyncException error)
        {
            lock (_fatal)
            {
                FatalError ??= error;
            }
            _fatal.Cancel();
        }
    }
}
