namespace PresenceSync.Engine.Model
{
    /// <summary>Which rule applies to an agent, and why.</summary>
    public sealed class PresenceEffectiveRule
    {
        public PresenceEffectiveRule(string businessUnit, string agentId, string? rule, AssignmentScope? scope, string? assignedVia, string reason)
        {
            BusinessUnit = businessUnit;
            AgentId = agentId;
            Rule = rule;
            ScopeValue = scope;
            AssignedVia = assignedVia;
            Reason = reason;
        }

        public string BusinessUnit { get; }
        public string AgentId { get; }

        /// <summary>Null when no rule applies (none assigned, or team assignments tie).</summary>
        public string? Rule { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on ScopeValue.</summary>
        public string? Scope => ScopeValue?.ToString();
        internal AssignmentScope? ScopeValue { get; }

        /// <summary>The ACD team the rule came through, for team assignments.</summary>
        public string? AssignedVia { get; }
        public string Reason { get; }

        public override string ToString() => $"{AgentId}: {Rule ?? "(none)"}";
    }
}
