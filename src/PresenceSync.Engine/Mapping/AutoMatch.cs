using System;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Mapping
{
    /// <summary>One mapping the auto-mapper proposes: an unmapped agent and the single user its e-mail matched.</summary>
    internal sealed class AutoMatch
    {
        public AutoMatch(PresenceAgent agent, PresenceTeamsUser user, MatchKind matchedOn)
        {
            Agent = agent;
            User = user;
            MatchedOn = matchedOn;
        }

        public PresenceAgent Agent { get; }
        public PresenceTeamsUser User { get; }
        public MatchKind MatchedOn { get; }

        public string Describe() =>
            $"Map agent '{Agent.AgentId}' ({Agent.Email}) to Teams user '{User.UserPrincipalName}' (matched on {MatchedOn})";
    }
}
