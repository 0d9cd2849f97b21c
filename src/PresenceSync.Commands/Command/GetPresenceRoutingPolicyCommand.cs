using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists routing policies with their rows.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRoutingPolicy")]
    [OutputType(typeof(PresenceRoutingPolicy))]
    public sealed class GetPresenceRoutingPolicyCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        [ArgumentCompleter(typeof(RoutingPolicyNameCompleter))]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void Process()
        {
            foreach (var policy in new RoutingPolicyService(Context).Get(BusinessUnit, Name)) WriteObject(policy);
        }
    }
}
