using System;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>Why a subscription's wait ended early: refresh now (full state wanted), or start a new subscription (after a delay, with a health record).</summary>
    internal sealed class SubscriptionWake
    {
        public SubscriptionWake(bool anew, TimeSpan? delay, string? errorId, string? detail)
        {
            Anew = anew;
            Delay = delay;
            ErrorId = errorId;
            Detail = detail;
        }

        /// <summary>False: refresh within the dialog. True: the dialog is over; subscribe with a new one.</summary>
        public bool Anew { get; }

        /// <summary>Null: the usual backoff.</summary>
        public TimeSpan? Delay { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        public static SubscriptionWake Refresh { get; } = new SubscriptionWake(false, TimeSpan.Zero, null, null);

        /// <summary>Refresh after a moment, so that NOTIFYs still in flight land first and several reasons make one refresh.</summary>
        public static SubscriptionWake RefreshSoon { get; } = new SubscriptionWake(false, TimeSpan.FromMilliseconds(300), null, null);
    }
}
