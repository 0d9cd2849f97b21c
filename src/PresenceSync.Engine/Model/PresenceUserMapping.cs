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
            SourceValue = source;
            MatchedOnValue = matchedOn;
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
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on SourceValue.</summary>
        public string Source => SourceValue.ToString();
        internal MappingSource SourceValue { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on MatchedOnValue.</summary>
        public string MatchedOn => MatchedOnValue.ToString();
        internal MatchKind MatchedOnValue { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a mapping bind to -TeamsUser down the pipeline.</summary>
        public string TeamsUser => TeamsUserId.ToString();

        public override string ToString() => $"{AgentId} -> {UserPrincipalName ?? TeamsUserId.ToString()}";
    }
}
