using System;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// Reads every watched user's Teams presence on the poll interval: the reconcile, the only work
    /// of the sync that grows with the number of agents (one request per 650 users). A failed read
    /// is reported and tried again at the next interval; it never holds up writes.
    /// </summary>
    internal sealed class PollingTeamsSource : ITeamsObservationSource
    {
        private readonly string _unit;
        private readonly ITeamsPresenceReader _reader;
        private readonly TimeSpan _interval;

        public PollingTeamsSource(string unit, ITeamsPresenceReader reader, TimeSpan interval)
        {
            _unit = unit;
            _reader = reader;
            _interval = interval;
        }

        public string Name => "TeamsPolling";

        public async Task RunAsync(ITeamsObservationTarget target, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(_interval, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                await ReadOnceAsync(_unit, _reader, target, ct).ConfigureAwait(false);
            }
        }

        /// <summary>One reconcile read of a unit; used by -Once and at start too.</summary>
        public static async Task<bool> ReadOnceAsync(string unit, ITeamsPresenceReader reader, ITeamsObservationTarget target, CancellationToken ct)
        {
            var users = target.WatchedUsers(unit);
            try
            {
                var read = users.Count == 0 ? Array.Empty<Presence.TeamsPresence>() : await reader.ReadAsync(unit, users, ct).ConfigureAwait(false);
                target.Observe(unit, read, complete: true);
                return true;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) || !ct.IsCancellationRequested)
            {
                target.ReadFailed(unit, GraphErrorTranslator.Translate(ex, unit).Error);
                return false;
            }
        }
    }
}
