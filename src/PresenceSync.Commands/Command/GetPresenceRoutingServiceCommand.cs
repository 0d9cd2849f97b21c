using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists routing services with their policies.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRoutingService")]
    [OutputType(typeof(PresenceRoutingService))]
    public sealed class GetPresenceRoutingServiceCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Service")]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void Process()
        {
            foreach (var service in new RoutingServiceCatalog(Context).Get(BusinessUnit, Name)) WriteObject(service);
        }
    }
}
