using System;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// What the sync knows and holds for one agent. Persisted after every change, so a sync that
    /// dies mid-pass resumes knowing which presence sessions it may still hold in Teams.
    /// </summary>
    internal sealed class AgentSyncState
    {
        public string AgentId { get; set; } = string.Empty;

        /// <summary>The last state the ACD reported (internal calls included).</summary>
        public string? AcdState { get; set; }

        /// <summary>The state rules act on: internal calls the rule ignores leave it unchanged.</summary>
        public string? RuleState { get; set; }
        public long? AcdEventId { get; set; }
        public DateTime? AcdStateUtc { get; set; }

        /// <summary>True when the engine itself set the ACD state from Teams: it is never echoed back to Teams.</summary>
        public bool AcdByEngine { get; set; }
        public Guid? TeamsUserId { get; set; }

        /// <summary>The app's own presence session in Teams, as the engine last wrote it.</summary>
        public PresenceState? SessionState { get; set; }
        public DateTime? SessionWrittenUtc { get; set; }
        public DateTime? SessionExpiresUtc { get; set; }

        /// <summary>A preferred presence the engine wrote to override a manual status.</summary>
        public PresenceState? PreferredState { get; set; }
        public DateTime? PreferredExpiresUtc { get; set; }

        /// <summary>A write announced but not confirmed: the engine may hold a session it does not know about.</summary>
        public string? PendingWrite { get; set; }
        public DateTime? ClearedUtc { get; set; }
        public PresenceState? TeamsState { get; set; }
        public string? TeamsSequence { get; set; }
        public DateTime? TeamsSeenUtc { get; set; }
        public bool ManualHold { get; set; }

        /// <summary>The reason code of the ACD event behind AcdState (kept in memory, for status messages).</summary>
        public string? AcdReason { get; set; }

        /// <summary>
        /// The status message the engine set in Teams during this run (kept in memory): what it clears
        /// when the state ends. A message left by an earlier run ends at its expiry.
        /// </summary>
        public string? StatusMessage { get; set; }

        /// <summary>The status message Teams showed at the last read (kept in memory): a message of one of the rule's rows is the engine's to clear.</summary>
        public string? TeamsStatusMessage { get; set; }

        public AgentSyncState Clone() => (AgentSyncState)MemberwiseClone();

        /// <summary>True when nothing worth storing differs: the engine writes an agent's row only when it changed.</summary>
        public bool SameAs(AgentSyncState o) =>
            AgentId == o.AgentId && AcdState == o.AcdState && RuleState == o.RuleState && AcdEventId == o.AcdEventId
            && AcdStateUtc == o.AcdStateUtc && AcdByEngine == o.AcdByEngine && TeamsUserId == o.TeamsUserId
            && Equals(SessionState, o.SessionState) && SessionWrittenUtc == o.SessionWrittenUtc && SessionExpiresUtc == o.SessionExpiresUtc
            && Equals(PreferredState, o.PreferredState) && PreferredExpiresUtc == o.PreferredExpiresUtc && PendingWrite == o.PendingWrite
            && ClearedUtc == o.ClearedUtc && Equals(TeamsState, o.TeamsState) && TeamsSequence == o.TeamsSequence
            && TeamsSeenUtc == o.TeamsSeenUtc && ManualHold == o.ManualHold;
    }
}
