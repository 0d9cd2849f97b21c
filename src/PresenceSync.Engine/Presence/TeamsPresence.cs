using System;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// A user's presence as Graph reported it. Availability and activity are kept as Graph sent
    /// them, unknown values included; SequenceNumber orders reports so stale ones can be dropped.
    /// </summary>
    public sealed class TeamsPresence
    {
        public TeamsPresence(string businessUnit, string? agentId, Guid teamsUserId, string? userPrincipalName, string availability,
            string activity, string? statusMessage, bool outOfOffice, string? sequenceNumber, DateTime readUtc)
        {
            BusinessUnit = businessUnit;
            AgentId = agentId;
            TeamsUserId = teamsUserId;
            UserPrincipalName = userPrincipalName;
            Availability = availability;
            Activity = activity;
            StatusMessage = statusMessage;
            OutOfOffice = outOfOffice;
            SequenceNumber = sequenceNumber;
            ReadUtc = readUtc;
        }

        public string BusinessUnit { get; }
        public string? AgentId { get; }
        public Guid TeamsUserId { get; }
        public string? UserPrincipalName { get; }
        public string Availability { get; }
        public string Activity { get; }
        public string? StatusMessage { get; }
        public bool OutOfOffice { get; }
        public string? SequenceNumber { get; }
        public DateTime ReadUtc { get; }

        public PresenceState State => new PresenceState(Availability, Activity);

        public override string ToString() => $"{UserPrincipalName ?? TeamsUserId.ToString()}: {Availability}/{Activity}";
    }
}
