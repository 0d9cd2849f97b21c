using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// An ACD state change decided from Teams. Start-PresenceSync writes these to the pipeline, so
    /// "Start-PresenceSync | ForEach-Object { Invoke-RestMethod ... }" can drive any ACD's API.
    /// </summary>
    public sealed class PresenceAcdChange
    {
        public PresenceAcdChange(string businessUnit, string agentId, string state, string? previousState, string teamsAvailability,
            string teamsActivity, string rule, int rowPosition, DateTime timeUtc, long eventId)
        {
            BusinessUnit = businessUnit;
            AgentId = agentId;
            State = state;
            PreviousState = previousState;
            TeamsAvailability = teamsAvailability;
            TeamsActivity = teamsActivity;
            Rule = rule;
            RowPosition = rowPosition;
            TimeUtc = timeUtc;
            EventId = eventId;
        }

        public string BusinessUnit { get; }
        public string AgentId { get; }

        /// <summary>The ACD state to set.</summary>
        public string State { get; }
        public string? PreviousState { get; }
        public string TeamsAvailability { get; }
        public string TeamsActivity { get; }
        public string Rule { get; }
        public int RowPosition { get; }
        public DateTime TimeUtc { get; }

        /// <summary>The Teams observation that caused it, in Get-PresenceSyncHistory.</summary>
        public long EventId { get; }

        public override string ToString() => $"{AgentId}: {PreviousState} -> {State}";
    }
}
