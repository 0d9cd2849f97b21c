using System;

namespace PresenceSync.Engine.Model
{
    /// <summary>A rule assigned to one agent, to an ACD team, or as the business unit's default.</summary>
    public sealed class PresenceRuleAssignment
    {
        public PresenceRuleAssignment(string businessUnit, string rule, AssignmentScope scope, string? subject, int priority, DateTime createdUtc)
        {
            BusinessUnit = businessUnit;
            Rule = rule;
            ScopeValue = scope;
            Subject = subject;
            Priority = priority;
            CreatedUtc = createdUtc;
        }

        public string BusinessUnit { get; }
        public string Rule { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on ScopeValue.</summary>
        public string Scope => ScopeValue.ToString();
        internal AssignmentScope ScopeValue { get; }

        /// <summary>The agent id or ACD team name; null for the default assignment.</summary>
        public string? Subject { get; }

        /// <summary>Among team assignments of one agent, the lowest number wins.</summary>
        public int Priority { get; }
        public DateTime CreatedUtc { get; }

        public string? AgentId => ScopeValue == AssignmentScope.Agent ? Subject : null;
        public string? AcdTeam => ScopeValue == AssignmentScope.Team ? Subject : null;

        public override string ToString() => ScopeValue == AssignmentScope.Default ? $"{Rule} (default)" : $"{Rule} -> {ScopeValue} {Subject}";
    }
}
