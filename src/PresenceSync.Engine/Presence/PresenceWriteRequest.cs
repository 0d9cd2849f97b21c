using System;

namespace PresenceSync.Engine.Presence
{
    /// <summary>One manual presence change for Set-PresenceTeamsPresence.</summary>
    public sealed class PresenceWriteRequest
    {
        /// <summary>An agent id, or a Teams user's object id, UPN or mail.</summary>
        public string Target { get; set; } = string.Empty;
        public bool ByAgent { get; set; }
        public PresenceState? State { get; set; }
        public TeamsTargetKind Kind { get; set; } = TeamsTargetKind.Session;

        /// <summary>Clear the app's session, or with Kind Preferred the preferred presence; never together with State.</summary>
        public bool Clear { get; set; }

        /// <summary>An activity was given without an availability: refused rather than ignored.</summary>
        public bool ActivityOnly { get; set; }

        /// <summary>Session: PT5M..PT4H (default 5 minutes, as Graph). Preferred: Graph's default when null.</summary>
        public TimeSpan? Expiration { get; set; }
        public string? StatusMessage { get; set; }
        public DateTime? StatusMessageExpiresUtc { get; set; }
    }
}
