using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Model;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists stored agents, by id or ACD team (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceAgent")]
    [OutputType(typeof(PresenceAgent))]
    public sealed class GetPresenceAgentCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string? AgentId { get; set; }

        [Parameter]
        [Alias("AcdTeam")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        [SupportsWildcards]
        public string? Team { get; set; }

        protected override void Process()
        {
            foreach (var agent in new AgentService(Context).Get(BusinessUnit, AgentId, Team)) WriteObject(agent);
        }
    }
}
