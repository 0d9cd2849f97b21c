using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>One line of the audit trail: what changed, why, and what Graph or the ACD answered.</summary>
    public sealed class SyncHistoryEntry
    {
        public long Id { get; internal set; }
        public string BusinessUnit { get; internal set; } = string.Empty;
        public DateTime TimeUtc { get; internal set; }
        public string? AgentId { get; internal set; }

        /// <summary>ToTeams, ToAcd, Manual (a status set by hand), Info, or Refused (an ACD event that was refused).</summary>
        public string Direction { get; internal set; } = string.Empty;

        /// <summary>The source event (ACD event or Teams observation) this traces back to.</summary>
        public long? EventId { get; internal set; }

        /// <summary>When the source event happened, as its source said (the ACD's time; for SIP, when the NOTIFY arrived); null without one.</summary>
        public DateTime? EventTimeUtc { get; internal set; }
        public string? EventSource { get; internal set; }
        public string? Rule { get; internal set; }
        public int? RowPosition { get; internal set; }
        public string? Before { get; internal set; }
        public string? After { get; internal set; }

        /// <summary>setPresence, clearPresence, setUserPreferredPresence, clearUserPreferredPresence, pipeline, webhook.</summary>
        public string? Operation { get; internal set; }

        /// <summary>OK, or the error id Graph or the ACD answered with.</summary>
        public string? Result { get; internal set; }
        /// <summary>Time from the decision to Graph's answer, queueing under the budget included.</summary>
        public int? LatencyMs { get; internal set; }

        /// <summary>The client id of the app that made a Teams write (a unit may write through several).</summary>
        public string? App { get; internal set; }
        public string? Detail { get; internal set; }

        public override string ToString() => $"{TimeUtc:o} {AgentId} {Direction} {Before} -> {After} ({Result})";
    }
}
