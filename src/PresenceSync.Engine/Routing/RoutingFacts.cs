using System;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Routing
{
    /// <summary>What a routing decision is based on for one agent: its Teams state and how current it is, and its ACD state.</summary>
    internal sealed class RoutingFacts
    {
        public bool Mapped { get; set; } = true;
        public PresenceState? Teams { get; set; }

        /// <summary>When a read last confirmed <see cref="Teams"/>.</summary>
        public DateTime? TeamsSeenUtc { get; set; }

        /// <summary>Reads of the agent's unit are failing: whatever was seen last may be out of date.</summary>
        public bool ReadsFailing { get; set; }
        public string? AcdState { get; set; }
        public DateTime? AcdStateUtc { get; set; }
    }
}
