namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// What the sync does when a user's status set by hand in Teams hides what the engine set.
    /// Graph lets the preferred (manual) layer beat every session, so this must be a choice.
    /// </summary>
    public enum ManualStatusPolicy
    {
        /// <summary>Report the agent as held by a manual status and leave it alone.</summary>
        Respect,

        /// <summary>Write the rule's state into the preferred layer for a bounded time.</summary>
        Override,
    }
}
