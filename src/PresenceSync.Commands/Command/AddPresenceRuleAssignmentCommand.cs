using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Assigns a rule to agents, to ACD teams, or as the business unit's default. An agent's own
    /// assignment beats its teams'; among teams the lowest -Priority wins.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "PresenceRuleAssignment", SupportsShouldProcess = true, DefaultParameterSetName = "Agent")]
    [OutputType(typeof(PresenceRuleAssignment))]
    public sealed class AddPresenceRuleAssignmentCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(RuleNameCompleter))]
        public string Rule { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Agent", ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Team", ValueFromPipelineByPropertyName = true)]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        public string AcdTeam { get; set; } = string.Empty;

        /// <summary>Assign the rule to every agent of the business unit that has no closer assignment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Default")]
        public SwitchParameter Default { get; set; }

        /// <summary>Among an agent's team assignments the lowest number wins.</summary>
        [Parameter(ParameterSetName = "Team")]
        [ValidateRange(0, 10000)]
        public int Priority { get; set; } = 100;

        /// <summary>Replace a rule already assigned to the same agent, team or unit.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process()
        {
            var (scope, subject) = ParameterSetName switch
            {
                "Team" => (AssignmentScope.Team, AcdTeam),
                "Default" => (AssignmentScope.Default, (string?)null),
                _ => (AssignmentScope.Agent, AgentId),
            };
            var assignment = new AssignmentService(Context).Add(BusinessUnit, Rule, scope, subject, Priority, Force);
            if (assignment != null) WriteObject(assignment);
        }
    }
}
