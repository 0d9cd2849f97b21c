using System;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync
{
    /// <summary>One thing the decider wants done for an agent, with the row and reason behind it.</summary>
    internal sealed class SyncAction
    {
        public SyncAction(SyncActionKind kind, string reason, PresenceRuleRow? row = null)
        {
            Kind = kind;
            Reason = reason;
            Row = row;
        }

        public SyncActionKind Kind { get; }
        public string Reason { get; }
        public PresenceRuleRow? Row { get; }

        /// <summary>The Teams state to set (SetSession, SetPreferred) or that was seen (AcdChange, manual holds).</summary>
        public PresenceState? State { get; set; }
        public TimeSpan? Expiry { get; set; }

        /// <summary>For clears after a remap: the user the session was written for.</summary>
        public Guid? TeamsUserId { get; set; }
        public string? FromAcdState { get; set; }
        public string? ToAcdState { get; set; }

        /// <summary>WaitForMinimumDuration: when the row may be written.</summary>
        public DateTime? Due { get; set; }

        /// <summary>SetStatusMessage: the message with its placeholders filled.</summary>
        public string? Message { get; set; }

        public bool WritesTeams => Kind <= SyncActionKind.ClearPreferred
            || Kind == SyncActionKind.SetStatusMessage || Kind == SyncActionKind.ClearStatusMessage;

        public override string ToString() => $"{Kind} {State}{ToAcdState}: {Reason}";
    }
}
