using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// May this agent be offered a contact of this service now, and why (not)? Names the row that
    /// decided, the Teams and ACD state it was based on, how old that Teams state is, and whether
    /// it was decided on a stale Teams view.
    /// </summary>
    public sealed class PresenceRoutingDecision
    {
        internal PresenceRoutingDecision(string businessUnit, string service, string agentId, string? policy, string decision, int? row,
            string decidedBy, string reason, RoutingFacts facts, TimeSpan? teamsAge, bool stale, string? staleHandling, DateTime decidedUtc)
        {
            BusinessUnit = businessUnit;
            Service = service;
            AgentId = agentId;
            Policy = policy;
            Decision = decision;
            Row = row;
            DecidedBy = decidedBy;
            Reason = reason;
            TeamsAvailability = facts.Teams?.Availability;
            TeamsActivity = facts.Teams?.Activity;
            TeamsSeenUtc = facts.TeamsSeenUtc;
            TeamsAge = teamsAge;
            Stale = stale;
            StaleHandling = staleHandling;
            AcdState = facts.AcdState;
            AcdStateUtc = facts.AcdStateUtc;
            DecidedUtc = decidedUtc;
        }

        public string BusinessUnit { get; }
        public string Service { get; }
        public string AgentId { get; }
        public string? Policy { get; }

        public bool Routable => Decision == RoutingDecisions.Route;

        /// <summary>"Route" or "DoNotRoute".</summary>
        public string Decision { get; }

        /// <summary>The position of the row that decided (in FallbackRows when StaleHandling is Fallback); null when no row did.</summary>
        public int? Row { get; }

        /// <summary>The row as text, or Default, AcdContact, NoTeamsPresence, NotMapped, NoPolicy, Stale.</summary>
        public string DecidedBy { get; }
        public string Reason { get; }
        public string? TeamsAvailability { get; }
        public string? TeamsActivity { get; }

        /// <summary>When the Teams state was last known to be current (a read that saw it).</summary>
        public DateTime? TeamsSeenUtc { get; }
        public TimeSpan? TeamsAge { get; }

        /// <summary>True when the Teams view was stale (reads failing, or older than the policy's MaxTeamsAge).</summary>
        public bool Stale { get; }

        /// <summary>How the stale view was handled (KeepLast, Fallback or DoNotRoute); null when not stale.</summary>
        public string? StaleHandling { get; }
        public string? AcdState { get; }
        public DateTime? AcdStateUtc { get; }
        public DateTime DecidedUtc { get; }

        public string? Teams => TeamsAvailability == null ? null : TeamsAvailability + "/" + TeamsActivity;

        /// <summary>True when another decision would tell an ACD something different (a flip, or a new reason).</summary>
        internal bool SameOutcome(PresenceRoutingDecision? other) =>
            other != null && other.Decision == Decision && other.DecidedBy == DecidedBy && other.Stale == Stale;

        public override string ToString() => $"{AgentId} in {Service}: {Decision} ({DecidedBy})";
    }
}
