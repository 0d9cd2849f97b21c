using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync.Ports
{
    /// <summary>
    /// Reads many users' Teams presence (Graph: getPresencesByUserId, 650 ids a request). Implemented
    /// in Graph/, so no Graph SDK type reaches the sync core.
    /// </summary>
    public interface ITeamsPresenceReader
    {
        /// <summary>
        /// The presence of each user Graph answered for. ReadUtc of every result is the time the
        /// read started: an observation is never taken for newer than it is.
        /// </summary>
        Task<IReadOnlyList<TeamsPresence>> ReadAsync(string businessUnit, IReadOnlyList<Guid> users, CancellationToken ct);
    }
}
