using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Changes a routing service: its policy, name or description.</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceRoutingService", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRoutingService))]
    public sealed class SetPresenceRoutingServiceCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Service")]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        public string? Policy { get; set; }

        [Parameter]
        public string? NewName { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var service = new RoutingServiceCatalog(Context).Set(BusinessUnit, Name, NewName, Policy, Description);
            if (service != null && PassThru) WriteObject(service);
        }
    }
}
