using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Sync.Ports
{
    /// <summary>
    /// One app's presence writes (setPresence, clearPresence and the preferred-presence pair), sent
    /// together. Implemented in Graph/ over the SDK's $batch. The caller paces writes under
    /// <see cref="Budget"/>; the writer only sends and reports each item's outcome.
    /// </summary>
    public interface ITeamsPresenceWriter
    {
        /// <summary>The app's client id: also the session id of every setPresence it makes.</summary>
        string ClientId { get; }

        /// <summary>The app's presence budget (per app per tenant), shared with its reads.</summary>
        PresenceBudget Budget { get; }
        GraphStatistics Statistics { get; }

        /// <summary>At most this many writes go in one call (Graph's $batch limit).</summary>
        int MaxWritesPerCall { get; }

        /// <summary>Sends the writes; one outcome per write, in order. Never throws for a failed item.</summary>
        Task<IReadOnlyList<TeamsWriteOutcome>> SendAsync(IReadOnlyList<TeamsWrite> writes, CancellationToken ct);
    }
}
