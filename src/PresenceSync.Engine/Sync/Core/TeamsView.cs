using System;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// How current a unit's picture of Teams is. While reads fail the view is stale since the first
    /// failure; writes to Teams go on regardless, and Teams-to-ACD changes resume with the next read.
    /// </summary>
    internal sealed class TeamsView
    {
        public DateTime? LastReconcileUtc { get; private set; }
        public TimeSpan LastReconcileTook { get; private set; }
        public DateTime? StaleSinceUtc { get; private set; }
        public EngineError? LastError { get; private set; }

        public bool Stale => StaleSinceUtc != null || LastReconcileUtc == null;

        public void Reconciled(DateTime readStartedUtc, TimeSpan took)
        {
            LastReconcileUtc = readStartedUtc;
            LastReconcileTook = took;
            StaleSinceUtc = null;
            LastError = null;
        }

        /// <returns>True for the first failure of a run of failures (worth telling the admin once).</returns>
        public bool Failed(EngineError error, DateTime now)
        {
            LastError = error;
            if (StaleSinceUtc != null) return false;
            StaleSinceUtc = now;
            return true;
        }
    }
}
