using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Assigns agents or ACD teams to a routing service, optionally with a policy of their own.
    /// An agent's own assignment beats its teams'; among teams the lowest -Priority wins.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "PresenceRoutingAssignment", SupportsShouldProcess = true, DefaultParameterSetName = "Agent")]
    [OutputType(typeof(PresenceRoutingAssignment))]
    public sealed class AddPresenceRoutingAssignmentCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        public string Service { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Agent", ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Team", ValueFromPipelineByPropertyName = true)]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        public string AcdTeam { get; set; } = string.Empty;

        /// <summary>A policy for this agent or team in the service instead of the service's own.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        public string? Policy { get; set; }

        [Parameter(ParameterSetName = "Team")]
        [ValidateRange(0, 10000)]
        public int Priority { get; set; } = 100;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var (scope, subject) = ParameterSetName == "Team" ? (RoutingScopes.Team, AcdTeam) : (RoutingScopes.Agent, AgentId);
            var assignment = new RoutingAssignmentService(Context).Add(BusinessUnit, Service, scope, subject, Policy, Priority, Force);
            if (assignment != null) WriteObject(assignment);
        }
    }
}
