using System;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>
    /// Exponential backoff with jitter for subscribing again after a failure (in the manner of RFC
    /// 5626 section 4.5): 2 s, 4 s, 8 s ... up to the longest wait, each within +/-20 %, so that
    /// hundreds of extensions that failed together (a PBX restart) do not come back together.
    /// </summary>
    internal static class Backoff
    {
        [ThreadStatic] private static Random? _random;

        public static TimeSpan Delay(int failures, TimeSpan longest, TimeSpan? first = null)
        {
            var start = (first ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
            var exponent = Math.Min(Math.Max(failures - 1, 0), 20);
            var ms = Math.Min(start * Math.Pow(2, exponent), longest.TotalMilliseconds);
            var random = _random ??= new Random(Guid.NewGuid().GetHashCode());
            return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * random.NextDouble()));
        }
    }
}
