using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Mapping;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes agents' mappings; the agents and Teams users stay.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceUserMapping", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceUserMappingCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        protected override void Process() => new MappingService(Context).Remove(BusinessUnit, AgentId);
    }
}
