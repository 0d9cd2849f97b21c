using System;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>What one SUBSCRIBE came to: active for a time, or failed (why, and when to try again).</summary>
    internal sealed class SubscribeOutcome
    {
        private SubscribeOutcome(TimeSpan? expires, string? errorId, string? detail, TimeSpan? delay, bool permanent, bool retryNow)
        {
            Expires = expires;
            ErrorId = errorId;
            Detail = detail;
            Delay = delay;
            Permanent = permanent;
            RetryNow = retryNow;
        }

        /// <summary>Set when the subscription is active (or pending): how long the server granted.</summary>
        public TimeSpan? Expires { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        /// <summary>The server said when to try again (Retry-After, RFC 3261 section 20.33).</summary>
        public TimeSpan? Delay { get; }

        /// <summary>A refusal that will not change by itself soon (403, 404, 489, bad credentials): back off from a minute.</summary>
        public bool Permanent { get; }

        /// <summary>A 481 to a refresh: the server forgot the subscription; a new one may be tried at once.</summary>
        public bool RetryNow { get; }

        public static SubscribeOutcome Active(TimeSpan expires) => new SubscribeOutcome(expires, null, null, null, false, false);

        public static SubscribeOutcome Failed(string errorId, string detail, bool permanent = false, TimeSpan? delay = null) =>
            new SubscribeOutcome(null, errorId, detail, delay, permanent, false);

        public static SubscribeOutcome Forgotten() => new SubscribeOutcome(null, null, null, null, false, true);
    }
}
