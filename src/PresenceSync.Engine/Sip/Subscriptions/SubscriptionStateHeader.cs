using System;
using System.Globalization;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>
    /// Subscription-State (RFC 6665 section 8.2.3 and 4.1.3): active, pending or terminated, with
    /// expires, and for terminated a reason and retry-after that say whether and when to subscribe again.
    /// </summary>
    internal sealed class SubscriptionStateHeader
    {
        public string State { get; private set; } = "active";
        public string? Reason { get; private set; }
        public long? Expires { get; private set; }
        public long? RetryAfter { get; private set; }

        public bool Terminated => State == "terminated";

        public static SubscriptionStateHeader? Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var semi = value!.IndexOf(';');
            var state = (semi < 0 ? value : value.Substring(0, semi)).Trim().ToLowerInvariant();
            if (!HeaderText.IsToken(state)) return null;
            var parameters = semi < 0 ? null : HeaderText.Parameters(value.Substring(semi));
            return new SubscriptionStateHeader
            {
                State = state,
                Reason = parameters != null && parameters.TryGetValue("reason", out var r) ? r.ToLowerInvariant() : null,
                Expires = Number(parameters, "expires"),
                RetryAfter = Number(parameters, "retry-after"),
            };
        }

        private static long? Number(System.Collections.Generic.Dictionary<string, string>? parameters, string name) =>
            parameters != null && parameters.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;

        /// <summary>
        /// RFC 6665 section 4.1.3: after deactivated or timeout, subscribe again at once; after
        /// probation or giveup, after retry-after; after rejected, noresource or invariant the RFC
        /// says not to try again. An unattended sync has nobody to restart it, so it tries again
        /// after the longest backoff instead, and reports the subscription unhealthy meanwhile.
        /// </summary>
        public TimeSpan? RetryDelay(TimeSpan longest)
        {
            switch (Reason)
            {
                case "deactivated":
                case "timeout":
                    return TimeSpan.Zero;
                case "probation":
                case "giveup":
                    return RetryAfter is long s ? TimeSpan.FromSeconds(Math.Min(s, (long)longest.TotalSeconds)) : (TimeSpan?)null;
                case "rejected":
                case "noresource":
                case "invariant":
                    return longest;
                default:
                    return RetryAfter is long after ? TimeSpan.FromSeconds(Math.Min(after, (long)longest.TotalSeconds)) : (TimeSpan?)null;
            }
        }
    }
}
