namespace PresenceSync.Engine.Routing
{
    /// <summary>Stable error ids of routing policies, services, assignments and decisions (issue 10).</summary>
    public static class RoutingErrorIds
    {
        public const string InvalidRoutingPolicyName = "InvalidRoutingPolicyName";
        public const string RoutingPolicyExists = "RoutingPolicyExists";
        public const string RoutingPolicyNotFound = "RoutingPolicyNotFound";
        public const string RoutingPolicyInUse = "RoutingPolicyInUse";
        public const string InvalidRoutingRow = "InvalidRoutingRow";
        public const string ConflictingRoutingRows = "ConflictingRoutingRows";
        public const string InvalidRoutingDecision = "InvalidRoutingDecision";
        public const string InvalidTeamsAge = "InvalidTeamsAge";
        public const string InvalidStaleHandling = "InvalidStaleHandling";
        public const string InvalidRoutingServiceName = "InvalidRoutingServiceName";
        public const string RoutingServiceExists = "RoutingServiceExists";
        public const string RoutingServiceNotFound = "RoutingServiceNotFound";
        public const string RoutingServiceInUse = "RoutingServiceInUse";
        public const string RoutingAssignmentExists = "RoutingAssignmentExists";
        public const string RoutingAssignmentNotFound = "RoutingAssignmentNotFound";
        public const string AgentNotInRoutingService = "AgentNotInRoutingService";
    }
}
