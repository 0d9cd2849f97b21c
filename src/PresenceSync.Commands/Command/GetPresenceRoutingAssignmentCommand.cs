using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists the agents and ACD teams assigned to routing services.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRoutingAssignment")]
    [OutputType(typeof(PresenceRoutingAssignment))]
    public sealed class GetPresenceRoutingAssignmentCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        [SupportsWildcards]
        public string? Service { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string? AgentId { get; set; }

        [Parameter]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        [SupportsWildcards]
        public string? AcdTeam { get; set; }

        protected override void Process()
        {
            var service = new RoutingAssignmentService(Context);
            if (string.IsNullOrEmpty(AgentId) && string.IsNullOrEmpty(AcdTeam))
            {
                foreach (var a in service.Get(BusinessUnit, Service, null, null)) WriteObject(a);
                return;
            }
            if (!string.IsNullOrEmpty(AgentId))
                foreach (var a in service.Get(BusinessUnit, Service, RoutingScopes.Agent, AgentId)) WriteObject(a);
            if (!string.IsNullOrEmpty(AcdTeam))
                foreach (var a in service.Get(BusinessUnit, Service, RoutingScopes.Team, AcdTeam)) WriteObject(a);
        }
    }
}
