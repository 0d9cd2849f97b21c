using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>An agent or an ACD team assigned to a service, optionally with a policy of its own.</summary>
    public sealed class PresenceRoutingAssignment
    {
        public PresenceRoutingAssignment(string businessUnit, string service, string scope, string subject, string? policy, int priority, DateTime createdUtc)
        {
            BusinessUnit = businessUnit;
            Service = service;
            Scope = scope;
            Subject = subject;
            Policy = policy;
            Priority = priority;
            CreatedUtc = createdUtc;
        }

        public string BusinessUnit { get; }
        public string Service { get; }

        /// <summary>"Agent" or "Team".</summary>
        public string Scope { get; }
        public string Subject { get; }

        /// <summary>The policy for this agent or team in the service; null: the service's own.</summary>
        public string? Policy { get; }

        /// <summary>Among an agent's team assignments in one service, the lowest number wins.</summary>
        public int Priority { get; }
        public DateTime CreatedUtc { get; }

        public string? AgentId => Scope == RoutingScopes.Agent ? Subject : null;
        public string? AcdTeam => Scope == RoutingScopes.Team ? Subject : null;

        public override string ToString() => $"{Service} <- {Scope} {Subject}";
    }
}
