using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>One ACD state change as the ACD (or an admin's script) reports it.</summary>
    public sealed class AcdEvent
    {
        public string? BusinessUnit { get; set; }
        public string? AgentId { get; set; }
        public string? State { get; set; }
        public string? Reason { get; set; }
        public CallType CallType { get; set; }

        /// <summary>When the ACD says it happened; older events than the agent's current state are dropped.</summary>
        public DateTime? Time { get; set; }

        /// <summary>
        /// When the sync received it (set by the source). An event without a time of its own is
        /// ordered by it, so that of two events the one that arrived later wins.
        /// </summary>
        public DateTime? ReceivedUtc { get; set; }

        /// <summary>The ACD's own id for the event, if it sends one: a repeat within the replay window is not applied twice.</summary>
        public string? EventId { get; set; }

        /// <summary>Set by a source that could not read this one event: it is refused with this error id, the others go on.</summary>
        public string? InvalidErrorId { get; set; }
        public string? InvalidDetail { get; set; }

        /// <summary>Pipeline, Http or Sip: where it came from, for the audit trail.</summary>
        public string Source { get; set; } = "Pipeline";

        /// <summary>The raw input, reported as the error target when the event is refused.</summary>
        public object? Raw { get; set; }
    }
}
