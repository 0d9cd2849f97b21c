using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Commands.Command
{
    /// <summary>Says, per routing service, whether an agent belongs to it, which policy decides for it there, and why.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceEffectiveRoutingPolicy")]
    [OutputType(typeof(PresenceEffectiveRoutingPolicy))]
    public sealed class GetPresenceEffectiveRoutingPolicyCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(RoutingServiceNameCompleter))]
        [SupportsWildcards]
        public string? Service { get; set; }

        protected override void Process()
        {
            foreach (var effective in new RoutingMembershipService(Context).Resolve(BusinessUnit, AgentId, Service)) WriteObject(effective);
        }
    }
}
