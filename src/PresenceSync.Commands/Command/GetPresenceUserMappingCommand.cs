using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists mappings, or with -Unmapped the agents that still have no Teams user.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceUserMapping", DefaultParameterSetName = "Mapped")]
    [OutputType(typeof(PresenceUserMapping), ParameterSetName = new[] { "Mapped" })]
    [OutputType(typeof(PresenceAgent), ParameterSetName = new[] { "Unmapped" })]
    public sealed class GetPresenceUserMappingCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "Mapped", ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string? AgentId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Unmapped")]
        public SwitchParameter Unmapped { get; set; }

        protected override void Process()
        {
            var service = new MappingService(Context);
            if (Unmapped)
            {
                foreach (var agent in service.GetUnmapped(BusinessUnit)) WriteObject(agent);
                return;
            }
            foreach (var mapping in service.Get(BusinessUnit, AgentId)) WriteObject(mapping);
        }
    }
}
