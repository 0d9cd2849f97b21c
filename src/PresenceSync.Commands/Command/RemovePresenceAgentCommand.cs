using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Agents;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes agents with their mapping and their own rule assignment.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceAgentCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        protected override void Process() => new AgentService(Context).Remove(BusinessUnit, AgentId);
    }
}
