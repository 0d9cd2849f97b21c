using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes an agent's or an ACD team's assignment to a routing service.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceRoutingAssignment", SupportsShouldProcess = true, DefaultParameterSetName = "Agent",
        ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceRoutingAssignmentCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Agent")]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Team")]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        public string Service { get; set; } = string.Empty;

        // Not bound from the pipeline by name: assignment objects piped in carry AgentId too (null for teams).
        [Parameter(Mandatory = true, ParameterSetName = "Agent")]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Team")]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        public string AcdTeam { get; set; } = string.Empty;

        /// <summary>Assignments from Get-PresenceRoutingAssignment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public PresenceRoutingAssignment? InputObject { get; set; }

        protected override void Process()
        {
            var service = new RoutingAssignmentService(Context);
            switch (ParameterSetName)
            {
                case "InputObject":
                    service.Remove(InputObject!.BusinessUnit, InputObject.Service, InputObject.Scope, InputObject.Subject);
                    break;
                case "Team":
                    service.Remove(BusinessUnit, Service, RoutingScopes.Team, AcdTeam);
                    break;
                default:
                    service.Remove(BusinessUnit, Service, RoutingScopes.Agent, AgentId);
                    break;
            }
        }
    }
}
