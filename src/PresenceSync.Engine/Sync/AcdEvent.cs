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

        /// <summary>Pipeline or Http: where it came from, for the audit trail.</summary>
        public string Source { get; set; } = "Pipeline";

        /// <summary>The raw input, reported as the error target when the event is refused.</summary>
        public object? Raw { get; set; }
    }
}
