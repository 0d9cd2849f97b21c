using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Creates a routing service (a queue): the agents and ACD teams assigned to it are decided by its policy.</summary>
    [Cmdlet(VerbsCommon.New, "PresenceRoutingService", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRoutingService))]
    public sealed class NewPresenceRoutingServiceCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Service")]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        public string Policy { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        protected override void Process()
        {
            var service = new RoutingServiceCatalog(Context).New(BusinessUnit, Name, Policy, Description);
            if (service != null) WriteObject(service);
        }
    }
}
