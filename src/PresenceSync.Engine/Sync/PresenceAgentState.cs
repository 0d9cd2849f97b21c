using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// What the sync holds for one agent (Get-PresenceAgentState): the ACD state it last recorded,
    /// with the event's reason and call type, and the Teams presence it last wrote through which
    /// app. Strings, not enums, so every serialiser shows names; times are UTC.
    /// </summary>
    public sealed class PresenceAgentState
    {
        internal PresenceAgentState(string businessUnit, AgentSyncState s, string? reason, string? callType, string? clientId)
        {
            BusinessUnit = businessUnit;
            AgentId = s.AgentId;
            AcdState = s.AcdState;
            Reason = reason;
            CallType = callType;
            AcdStateUtc = s.AcdStateUtc;
            AcdStateFromTeams = s.AcdByEngine;
            TeamsUserId = s.TeamsUserId?.ToString();
            TeamsPresence = s.SessionState?.ToString();
            TeamsPresenceWrittenUtc = s.SessionWrittenUtc;
            TeamsPresenceExpiresUtc = s.SessionExpiresUtc;
            PreferredPresence = s.PreferredState?.ToString();
            TeamsPresenceSeen = s.TeamsState?.ToString();
            TeamsPresenceSeenUtc = s.TeamsSeenUtc;
            HeldByManualStatus = s.ManualHold;
            PendingWrite = s.PendingWrite;
            ClientId = clientId;
        }

        public string BusinessUnit { get; }
        public string AgentId { get; }

        /// <summary>The ACD state the sync holds (null before the first event).</summary>
        public string? AcdState { get; }
        public string? Reason { get; }

        /// <summary>None, Inbound, Outbound or Internal, from the event that set the state.</summary>
        public string? CallType { get; }

        /// <summary>Since when the agent is in that state (UTC).</summary>
        public DateTime? AcdStateUtc { get; }

        /// <summary>True when the state came from Teams (a rule row towards the ACD), not from the ACD.</summary>
        public bool AcdStateFromTeams { get; }
        public string? TeamsUserId { get; }

        /// <summary>The presence last written as the app's session (Availability/Activity), null when none is held.</summary>
        public string? TeamsPresence { get; }
        public DateTime? TeamsPresenceWrittenUtc { get; }
        public DateTime? TeamsPresenceExpiresUtc { get; }
        public string? PreferredPresence { get; }

        /// <summary>What Teams showed at the last read, and when (UTC).</summary>
        public string? TeamsPresenceSeen { get; }
        public DateTime? TeamsPresenceSeenUtc { get; }
        public bool HeldByManualStatus { get; }

        /// <summary>A write announced in the store and not yet confirmed.</summary>
        public string? PendingWrite { get; }

        /// <summary>The app (client id) the agent's presence is written through.</summary>
        public string? ClientId { get; }

        public override string ToString() => $"{AgentId}: {AcdState}";
    }
}
