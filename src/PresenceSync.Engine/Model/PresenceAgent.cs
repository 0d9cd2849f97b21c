using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>An agent as the ACD knows it. The agent id is unique within a business unit.</summary>
    public sealed class PresenceAgent
    {
        public PresenceAgent(string businessUnit, string agentId, string? name, string? email, string? extension,
            IReadOnlyList<string> teams, DateTime createdUtc, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            AgentId = agentId;
            Name = name;
            Email = email;
            Extension = extension;
            Teams = teams;
            CreatedUtc = createdUtc;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string AgentId { get; }
        public string? Name { get; }
        public string? Email { get; }
        public string? Extension { get; }

        /// <summary>The ACD teams (skills, groups) the agent belongs to; rules can be assigned to them.</summary>
        public IReadOnlyList<string> Teams { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        public override string ToString() => AgentId;
    }
}
