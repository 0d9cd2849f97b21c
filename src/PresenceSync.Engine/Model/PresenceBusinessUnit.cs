using System;

namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// A business unit: one tenant's worth of agents, directory, mappings and rules. A default unit
    /// always exists so that single-tenant admins never have to name one.
    /// </summary>
    public sealed class PresenceBusinessUnit
    {
        public const string DefaultName = "Default";

        public PresenceBusinessUnit(long id, string name, string? description, DateTime createdUtc, int agentCount, int teamsUserCount, int ruleCount)
        {
            Id = id;
            Name = name;
            Description = description;
            CreatedUtc = createdUtc;
            AgentCount = agentCount;
            TeamsUserCount = teamsUserCount;
            RuleCount = ruleCount;
        }

        internal long Id { get; }
        public string Name { get; }
        public string? Description { get; }
        public DateTime CreatedUtc { get; }
        public int AgentCount { get; }
        public int TeamsUserCount { get; }
        public int RuleCount { get; }
        public bool IsDefault => string.Equals(Name, DefaultName, StringComparison.OrdinalIgnoreCase);

        /// <summary>Lets a unit object bind to -BusinessUnit (string) parameters down the pipeline.</summary>
        public string BusinessUnit => Name;

        public override string ToString() => Name;
    }
}
