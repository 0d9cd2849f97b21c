using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>The words a routing row or policy default decides with, and how a stale Teams view is handled.</summary>
    public static class RoutingDecisions
    {
        public const string Route = "Route";
        public const string DoNotRoute = "DoNotRoute";

        public const string KeepLast = "KeepLast";
        public const string Fallback = "Fallback";

        public static readonly string[] Decisions = { Route, DoNotRoute };
        public static readonly string[] StaleHandlings = { KeepLast, Fallback, DoNotRoute };

        /// <summary>The canonical spelling, or null when <paramref name="text"/> is not one of <paramref name="known"/>.</summary>
        public static string? Canonical(string? text, string[] known)
        {
            var t = (text ?? string.Empty).Trim();
            foreach (var k in known)
                if (string.Equals(k, t, StringComparison.OrdinalIgnoreCase)) return k;
            return null;
        }
    }
}
