using System;

namespace PresenceSync.Engine.Model
{
    /// <summary>An ACD agent mapped to a Teams user. One agent maps to one user and back.</summary>
    public sealed class PresenceUserMapping
    {
        public PresenceUserMapping(string businessUnit, string agentId, string? agentName, string? agentEmail,
            Guid teamsUserId, string? userPrincipalName, string? teamsDisplayName, MappingSource source,
            MatchKind matchedOn, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            AgentId = agentId;
            AgentName = agentName;
            AgentEmail = agentEmail;
            TeamsUserId = teamsUserId;
            UserPrincipalName = userPrincipalName;
            TeamsDisplayName = teamsDisplayName;
            Source = source;
            MatchedOn = matchedOn;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string AgentId { get; }
        public string? AgentName { get; }
        public string? AgentEmail { get; }
        public Guid TeamsUserId { get; }

        /// <summary>Null when the Teams user is no longer in the stored directory.</summary>
        public string? UserPrincipalName { get; }
        public string? TeamsDisplayName { get; }
        public MappingSource Source { get; }
        public MatchKind MatchedOn { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a mapping bind to -TeamsUser down the pipeline.</summary>
        public string TeamsUser => TeamsUserId.ToString();

        public override string ToString() => $"{AgentId} -> {UserPrincipalName ?? TeamsUserId.ToString()}";
    }
}
