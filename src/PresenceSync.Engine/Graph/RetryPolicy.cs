using System;

namespace PresenceSync.Engine.Graph
{
    /// <summary>How long and how often to retry throttled and failing Graph requests.</summary>
    public sealed class RetryPolicy
    {
        public int MaxThrottleRetries { get; set; } = 6;
        public int MaxServerErrorRetries { get; set; } = 4;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Retry-After when the server gave one (never more than the cap); else exponential backoff.</summary>
        public TimeSpan Delay(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan given && given > TimeSpan.Zero) return given < MaxDelay ? given : MaxDelay;
            var backoff = TimeSpan.FromTicks(BaseDelay.Ticks * (1L << Math.Min(attempt, 10)));
            return backoff < MaxDelay ? backoff : MaxDelay;
        }
    }
}
