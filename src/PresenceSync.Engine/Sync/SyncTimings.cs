using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>The Graph session timings the decider works to (src/PresenceSync.Emulator/README.md#graph-facts: PT5M..PT4H, Available fades at 5 minutes).</summary>
    public sealed class SyncTimings
    {
        /// <summary>How long a session the engine writes lasts before Graph drops it.</summary>
        public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Refresh a session when less than this is left.</summary>
        public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>An Available session fades to AvailableInactive after 5 minutes without a refresh.</summary>
        public TimeSpan AvailableRefresh { get; set; } = TimeSpan.FromMinutes(4);

        /// <summary>
        /// Write a held session again this often even when nothing changed: Graph shows only the
        /// aggregate, so a session changed behind the engine's back (a dead sync's late write,
        /// another tool using the same app) can only be repaired by saying it again.
        /// </summary>
        public TimeSpan ReassertInterval { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>Teams changes seen this soon after the engine cleared its session are the clear's own effect.</summary>
        public TimeSpan EchoWindowAfterClear { get; set; } = TimeSpan.FromSeconds(30);
    }
}
