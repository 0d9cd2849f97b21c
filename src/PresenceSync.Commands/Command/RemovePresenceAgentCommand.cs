using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Agents;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Removes agents with their mapping and their own rule assignment. Piped ids are collected and
    /// removed together at the end of the pipeline, in large transactions (see AgentRemoval).
    /// The id is exact (any spelling under the key rule); it is never a wildcard pattern.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceAgentCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        private AgentRemoval? _removal;

        protected override void Process()
        {
            _removal ??= new AgentRemoval(Context);
            _removal.Add(BusinessUnit, AgentId);
        }

        protected override void End() => _removal?.Complete();
    }
}
