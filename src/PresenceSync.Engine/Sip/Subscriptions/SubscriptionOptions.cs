using System;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>How subscriptions are asked for and kept.</summary>
    internal sealed class SubscriptionOptions
    {
        /// <summary>The event package (RFC 4235 section 3.1).</summary>
        public string Event { get; set; } = "dialog";

        /// <summary>Asked for in Expires; the server's 2xx may shorten it (RFC 6665 section 4.2.1.1).</summary>
        public int Expires { get; set; } = 600;

        /// <summary>The longest wait before subscribing again after failures.</summary>
        public TimeSpan LongestBackoff { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The first wait after a failure.</summary>
        public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long an unsubscribe may take when the source stops.</summary>
        public TimeSpan UnsubscribeTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// When to refresh: before the subscription expires by a tenth of its duration, at least
        /// 5 s and at most 60 s, and never later than half way, so a refresh that is retransmitted
        /// still lands in time. RFC 6665 leaves the margin to the subscriber.
        /// </summary>
        public static TimeSpan RefreshAfter(TimeSpan expires)
        {
            var margin = TimeSpan.FromTicks(Math.Min(Math.Max(expires.Ticks / 10, TimeSpan.FromSeconds(5).Ticks), TimeSpan.FromSeconds(60).Ticks));
            if (margin.Ticks > expires.Ticks / 2) margin = TimeSpan.FromTicks(expires.Ticks / 2);
            return expires - margin;
        }
    }
}
