using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync
{
    /// <summary>How Start-PresenceSync runs.</summary>
    public sealed class SyncOptions
    {
        /// <summary>Units to sync; empty = every unit that has an app.</summary>
        public IList<string> BusinessUnits { get; set; } = new List<string>();

        /// <summary>One full reconcile pass, then stop (scheduled tasks, runbooks).</summary>
        public bool Once { get; set; }

        /// <summary>Stop after this long; null runs until stopped.</summary>
        public TimeSpan? Duration { get; set; }

        /// <summary>ACD changes within this window collapse into one write per agent.</summary>
        public TimeSpan PacingInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How often Teams presence is read (650 users per request).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The HTTP endpoint for ACD events, e.g. http://+:8088/ ; null hosts none.</summary>
        public string? ListenerPrefix { get; set; }

        /// <summary>Shared secret the ACD signs events with (HMAC-SHA256 of the body).</summary>
        public string? EventSecret { get; set; }

        /// <summary>Where ACD state changes decided from Teams are POSTed; null = pipeline only.</summary>
        public string? AcdWebhookUrl { get; set; }
        public string? AcdWebhookSecret { get; set; }
        public int WebhookAttempts { get; set; } = 3;

        public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

        /// <summary>
        /// After taking over the lock of a sync that died, wait this long before the first pass:
        /// requests the dead process had in flight may still land at Graph, and must land before
        /// this sync's writes, not after them.
        /// </summary>
        public TimeSpan RecoverySettle { get; set; } = TimeSpan.FromSeconds(5);
        public SyncTimings Timings { get; set; } = new SyncTimings();

        /// <summary>Agents worked on at once; their writes share $batch requests of 20, and the presence budget still paces them.</summary>
        public int Parallelism { get; set; } = 40;
    }
}
