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
        // Agents piped in may come from several units: each unit is read in its own requests.
        private readonly Dictionary<string, List<string>> _agents = new Dictionary<string, List<string>>(System.StringComparer.OrdinalIgnoreCase);

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string[]? AgentId { get; set; }

        protected override void Process()
        {
            var unit = string.IsNullOrEmpty(BusinessUnit) ? "Default" : BusinessUnit!;
            if (!_agents.TryGetValue(unit, out var list)) _agents[unit] = list = new List<string>();
            if (AgentId != null) list.AddRange(AgentId);
        }

        protected override void End() =>
            RunAsync(async ct =>
            {
                foreach (var unit in _agents)
                {
                    foreach (var presence in await new TeamsPresenceService(Context).ReadAsync(unit.Key, unit.Value, ct).ConfigureAwait(false))
                        Context.Host.WriteObject(presence);
                }
            });
    }
}
