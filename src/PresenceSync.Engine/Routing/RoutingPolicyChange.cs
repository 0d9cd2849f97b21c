using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Routing
{
    /// <summary>What New-/Set-PresenceRoutingPolicy asks for; null members mean "leave as it is" on Set.</summary>
    public sealed class RoutingPolicyChange
    {
        public string? Name { get; set; }
        public string? NewName { get; set; }
        public string? Description { get; set; }
        public IList<RoutingRowDefinition>? Rows { get; set; }
        public string? Default { get; set; }
        public IList<string>? AcdContactStates { get; set; }

        /// <summary>Zero means no limit.</summary>
        public TimeSpan? MaxTeamsAge { get; set; }
        public string? WhenStale { get; set; }
        public IList<RoutingRowDefinition>? FallbackRows { get; set; }
    }
}
