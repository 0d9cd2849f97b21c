namespace PresenceSync.Engine.Presence
{
    /// <summary>Which Graph layer a rule row writes to when it moves a user's Teams presence.</summary>
    public enum TeamsTargetKind
    {
        /// <summary>The app's own session (setPresence): counts in the aggregate, never beats a manual status.</summary>
        Session,

        /// <summary>The user's preferred presence (setUserPreferredPresence): beats every session.</summary>
        Preferred,

        /// <summary>Clear the app's session (clearPresence) so the user's other sessions decide.</summary>
        ClearSession,
    }
}
