using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// An agent's routability in a service flipped while the sync ran. Start-PresenceSync writes it
    /// to the pipeline and posts it to the ACD webhook (signed, retried), in order, once.
    /// </summary>
    public sealed class PresenceRoutingChange
    {
        internal PresenceRoutingChange(long sequence, PresenceRoutingDecision decision, string previousDecision)
        {
            Sequence = sequence;
            BusinessUnit = decision.BusinessUnit;
            Service = decision.Service;
            AgentId = decision.AgentId;
            Decision = decision.Decision;
            PreviousDecision = previousDecision;
            DecidedBy = decision.DecidedBy;
            Reason = decision.Reason;
            TeamsAvailability = decision.TeamsAvailability;
            TeamsActivity = decision.TeamsActivity;
            AcdState = decision.AcdState;
            Stale = decision.Stale;
            StaleHandling = decision.StaleHandling;
            TimeUtc = decision.DecidedUtc;
        }

        /// <summary>Grows by one with every flip of the run: an ACD can put changes back in order, and spot a gap.</summary>
        public long Sequence { get; }
        public string BusinessUnit { get; }
        public string Service { get; }
        public string AgentId { get; }
        public bool Routable => Decision == RoutingDecisions.Route;
        public string Decision { get; }
        public string PreviousDecision { get; }
        public string DecidedBy { get; }
        public string Reason { get; }
        public string? TeamsAvailability { get; }
        public string? TeamsActivity { get; }
        public string? AcdState { get; }
        public bool Stale { get; }
        public string? StaleHandling { get; }
        public DateTime TimeUtc { get; }

        public override string ToString() => $"{AgentId} in {Service}: {PreviousDecision} -> {Decision} ({DecidedBy})";
    }
}
