using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync
{
    /// <summary>How Start-PresenceSync runs.</summary>
    public sealed class SyncOptions
    {
        /// <summary>Units to sync; empty = every unit that has an app.</summary>
        public IList<string> BusinessUnits { get; set; } = new List<string>();

        /// <summary>One full reconcile, then stop when every write has landed (scheduled tasks, runbooks).</summary>
        public bool Once { get; set; }

        /// <summary>
        /// On a shared store, wait while another host's sync holds the store and take over once its
        /// lease has lapsed (issue 11); on a local SQLite store a second sync is refused as always.
        /// </summary>
        public bool Standby { get; set; }

        /// <summary>Stop after this long; null runs until stopped.</summary>
        public TimeSpan? Duration { get; set; }

        /// <summary>
        /// An ACD event is decided this long after it arrived: several events of one agent inside
        /// the window still give one write, and the newest state wins.
        /// </summary>
        public TimeSpan CoalescingWindow { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>How often every agent's Teams presence is read and compared (650 users per request).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How often the store is looked at for events from Set-PresenceAgentState and for configuration changes.</summary>
        public TimeSpan StoreInterval { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>The HTTP(S) endpoint for ACD events; null hosts none.</summary>
        public Sources.Http.EventEndpointOptions? Endpoint { get; set; }

        /// <summary>Shared secret the ACD signs events with (HMAC-SHA256 of the body).</summary>
        public string? EventSecret { get; set; }

        /// <summary>Where ACD state changes decided from Teams are POSTed; null = pipeline only.</summary>
        /// <summary>Start the SIP sources recorded for the synced units (New-PresenceSipSource).</summary>
        public bool SipSources { get; set; } = true;

        public string? AcdWebhookUrl { get; set; }
        public string? AcdWebhookSecret { get; set; }
        public int WebhookAttempts { get; set; } = 3;
        public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Deadlines of one Graph call: a call that hangs fails alone and is retried, it never stalls the sync.</summary>
        public TimeSpan GraphWriteTimeout { get; set; } = TimeSpan.FromSeconds(20);
        public TimeSpan GraphReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>At the end of a run, how long writes already sent may take to land before the run gives up on them.</summary>
        public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(25);

        public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

        /// <summary>
        /// After taking over the lock of a sync that died, wait this long before the first decision:
        /// requests the dead process had in flight may still land at Graph, and must land before
        /// this sync's writes, not after them.
        /// </summary>
        public TimeSpan RecoverySettle { get; set; } = TimeSpan.FromSeconds(5);
        public SyncTimings Timings { get; set; } = new SyncTimings();
    }
}
