using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes routing policies that no service or assignment uses.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceRoutingPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceRoutingPolicyCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        public string Name { get; set; } = string.Empty;

        protected override void Process() => new RoutingPolicyService(Context).Remove(BusinessUnit, Name);
    }
}
