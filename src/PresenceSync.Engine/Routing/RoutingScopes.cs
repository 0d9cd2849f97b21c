using System;

namespace PresenceSync.Engine.Routing
{
    /// <summary>Who is assigned to a service: one agent, or every agent of an ACD team. An agent's own assignment beats its teams'.</summary>
    public static class RoutingScopes
    {
        public const string Agent = "Agent";
        public const string Team = "Team";

        public static string? Canonical(string? text) =>
            string.Equals(text, Agent, StringComparison.OrdinalIgnoreCase) ? Agent
            : string.Equals(text, Team, StringComparison.OrdinalIgnoreCase) ? Team : null;
    }
}
