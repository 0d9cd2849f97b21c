using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>A contact-center service (queue) whose policy decides which of its agents may be offered a contact.</summary>
    public sealed class PresenceRoutingService
    {
        public PresenceRoutingService(string businessUnit, string name, string policy, string? description, DateTime createdUtc, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            Name = name;
            Policy = policy;
            Description = description;
            CreatedUtc = createdUtc;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string Name { get; }

        /// <summary>The policy of its agents, unless an assignment names another.</summary>
        public string Policy { get; }
        public string? Description { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a service bind to -Service down the pipeline.</summary>
        public string Service => Name;

        public override string ToString() => Name;
    }
}
