using System;
using System.Collections.Generic;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>What the sync offers its Teams observation sources.</summary>
    public interface ITeamsObservationTarget
    {
        /// <summary>The Teams users the unit's agents are mapped to (or still hold a session on) right now.</summary>
        IReadOnlyList<Guid> WatchedUsers(string businessUnit);

        /// <summary>
        /// Presences seen. <paramref name="complete"/> marks a full read of every watched user: the
        /// reconcile, after which the unit's Teams view counts as fresh.
        /// </summary>
        void Observe(string businessUnit, IReadOnlyList<TeamsPresence> presences, bool complete);

        /// <summary>A read failed: the unit's Teams view goes stale, and writes to Teams carry on regardless.</summary>
        void ReadFailed(string businessUnit, EngineError error);
    }
}
