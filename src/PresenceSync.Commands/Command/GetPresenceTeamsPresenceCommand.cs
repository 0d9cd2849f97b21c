using System.Collections.Generic;
using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Reads live Teams presence of mapped agents: all of them, or those piped in (for example from
    /// Get-PresenceUserMapping). Agents are collected and read 650 per request.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PresenceTeamsPresence")]
    [OutputType(typeof(TeamsPresence))]
    public sealed class GetPresenceTeamsPresenceCommand : BusinessUnitCmdlet
    {
        private readonly List<string> _agents = new List<string>();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string[]? AgentId { get; set; }

        protected override void Process()
        {
            if (AgentId != null) _agents.AddRange(AgentId);
        }

        protected override void End() =>
            RunAsync(async ct =>
            {
                foreach (var presence in await new TeamsPresenceService(Context).ReadAsync(BusinessUnit, _agents, ct).ConfigureAwait(false))
                    Context.Host.WriteObject(presence);
            });
    }
}
