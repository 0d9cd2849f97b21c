using System;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// How Teams ranks sessions in the aggregate: DoNotDisturb > Busy > Available > Away. A user
    /// shown below what the app's session holds can only be held there by a preferred (manual)
    /// status, which beats every session.
    /// </summary>
    internal static class PresenceRank
    {
        public static int Of(string? availability)
        {
            switch ((availability ?? string.Empty).ToLowerInvariant())
            {
                case "donotdisturb": return 4;
                case "busy": case "busyidle": return 3;
                case "available": case "availableidle": return 2;
                case "away": case "berightback": return 1;
                case "offline": return 0;
                default: return -1; // PresenceUnknown and values Graph may add: no conclusion
            }
        }

        /// <summary>The preferred pair that shows the same as a session pair, for manual-status overrides.</summary>
        public static PresenceState ToPreferred(PresenceState session)
        {
            switch (session.Availability.ToLowerInvariant())
            {
                case "busy": return new PresenceState("Busy", "Busy");
                case "donotdisturb": return new PresenceState("DoNotDisturb", "DoNotDisturb");
                case "away": return new PresenceState("Away", "Away");
                default: return new PresenceState("Available", "Available");
            }
        }

        public static bool Same(PresenceState? a, PresenceState? b) => a != null && b != null && a.Equals(b);

        public static bool SameText(string? a, string? b) => a != null && b != null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
