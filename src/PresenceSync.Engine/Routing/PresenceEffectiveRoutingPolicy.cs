namespace PresenceSync.Engine.Routing
{
    /// <summary>Whether an agent belongs to a service, which policy decides for it there, and why.</summary>
    public sealed class PresenceEffectiveRoutingPolicy
    {
        public PresenceEffectiveRoutingPolicy(string businessUnit, string service, string agentId, bool member, string? policy,
            string? scope, string? assignedVia, string reason)
        {
            BusinessUnit = businessUnit;
            Service = service;
            AgentId = agentId;
            Member = member;
            Policy = policy;
            Scope = scope;
            AssignedVia = assignedVia;
            Reason = reason;
        }

        public string BusinessUnit { get; }
        public string Service { get; }
        public string AgentId { get; }
        public bool Member { get; }

        /// <summary>Null when the agent is not a member, or when its team assignments tie with different policies.</summary>
        public string? Policy { get; }

        /// <summary>"Agent" or "Team": where the membership comes from.</summary>
        public string? Scope { get; }

        /// <summary>The ACD team the agent belongs to the service through.</summary>
        public string? AssignedVia { get; }
        public string Reason { get; }

        public override string ToString() => $"{AgentId} in {Service}: {Policy ?? "(none)"}";
    }
}
