using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// The Teams presence vocabulary as Graph documents it. Values are open: Graph adds new ones
    /// (Focusing, AvailableInactive), so reading never fails on an unknown value; only rules an
    /// admin writes are held to the known lists, to catch typos.
    /// </summary>
    public static class PresenceVocabulary
    {
        public static readonly IReadOnlyList<string> Availabilities = new[]
        {
            "Available", "AvailableIdle", "Away", "BeRightBack", "Busy", "BusyIdle",
            "DoNotDisturb", "Offline", "PresenceUnknown",
        };

        public static readonly IReadOnlyList<string> Activities = new[]
        {
            "Available", "Away", "BeRightBack", "Busy", "DoNotDisturb", "InACall",
            "InAConferenceCall", "Inactive", "InAMeeting", "Offline", "OffWork", "OutOfOffice",
            "PresenceUnknown", "Presenting", "UrgentInterruptionsOnly",
            // Newer values Graph returns that the reference pages do not all list yet.
            "Focusing", "AvailableInactive",
        };

        /// <summary>The only pairs setPresence accepts (the app's own session).</summary>
        public static readonly IReadOnlyList<PresenceState> SessionPairs = new[]
        {
            new PresenceState("Available", "Available"),
            new PresenceState("Busy", "InACall"),
            new PresenceState("Busy", "InAConferenceCall"),
            new PresenceState("Away", "Away"),
            new PresenceState("DoNotDisturb", "Presenting"),
        };

        /// <summary>The only pairs setUserPreferredPresence accepts (the user's own layer).</summary>
        public static readonly IReadOnlyList<PresenceState> PreferredPairs = new[]
        {
            new PresenceState("Available", "Available"),
            new PresenceState("Busy", "Busy"),
            new PresenceState("DoNotDisturb", "DoNotDisturb"),
            new PresenceState("BeRightBack", "BeRightBack"),
            new PresenceState("Away", "Away"),
            new PresenceState("Offline", "OffWork"),
        };

        public static bool IsKnownAvailability(string value) => Canonical(Availabilities, value) != null;

        public static bool IsKnownActivity(string value) => Canonical(Activities, value) != null;

        /// <summary>The documented spelling of a value, or null when it is not a known one.</summary>
        public static string? Canonical(IEnumerable<string> known, string? value) =>
            value == null ? null : known.FirstOrDefault(k => string.Equals(k, value.Trim(), StringComparison.OrdinalIgnoreCase));

        public static bool IsSessionPair(PresenceState state) => SessionPairs.Contains(state);

        public static bool IsPreferredPair(PresenceState state) => PreferredPairs.Contains(state);
    }
}
