using System;

namespace PresenceSync.Engine.Sync.Leases
{
    /// <summary>Who holds a business unit's lease on a shared store: a running sync host, since when, and its last heartbeat.</summary>
    internal sealed class UnitOwner
    {
        public UnitOwner(long unitId, string owner, string host, int pid, DateTime sinceUtc, DateTime heartbeatUtc)
        {
            UnitId = unitId;
            Owner = owner;
            Host = host;
            Pid = pid;
            SinceUtc = sinceUtc;
            HeartbeatUtc = heartbeatUtc;
        }

        public long UnitId { get; }

        /// <summary>The run's id (a new one per Start-PresenceSync); empty when the lease was handed back.</summary>
        public string Owner { get; }
        public string Host { get; }
        public int Pid { get; }
        public DateTime SinceUtc { get; }
        public DateTime HeartbeatUtc { get; }

        public bool Released => Owner.Length == 0;

        /// <summary>Held by a host whose heartbeat is fresh.</summary>
        public bool LiveAt(DateTime now, TimeSpan timeout) => !Released && now - HeartbeatUtc < timeout;

        public string Describe() => $"process {Pid} on {Host} since {SinceUtc:u}";
    }
}
