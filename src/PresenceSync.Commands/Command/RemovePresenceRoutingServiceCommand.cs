using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes routing services; one with assignments only with -Force, which removes them too.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceRoutingService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceRoutingServiceCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Service")]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process() => new RoutingServiceCatalog(Context).Remove(BusinessUnit, Name, Force);
    }
}
