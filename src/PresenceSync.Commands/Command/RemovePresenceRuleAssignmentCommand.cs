using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes the rule assignment of an agent, an ACD team or the business unit default.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceRuleAssignment", SupportsShouldProcess = true, DefaultParameterSetName = "Agent",
        ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceRuleAssignmentCommand : BusinessUnitCmdlet
    {
        // Not bound from the pipeline by name: assignment objects piped in carry AgentId too (often null).
        [Parameter(Mandatory = true, ParameterSetName = "Agent")]
        [Alias("Id")]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        public string AgentId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Team")]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        public string AcdTeam { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = "Default")]
        public SwitchParameter Default { get; set; }

        /// <summary>Assignments from Get-PresenceRuleAssignment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public PresenceRuleAssignment? InputObject { get; set; }

        protected override void Process()
        {
            var service = new AssignmentService(Context);
            switch (ParameterSetName)
            {
                case "InputObject":
                    service.Remove(InputObject!.BusinessUnit, InputObject.ScopeValue, InputObject.Subject);
                    break;
                case "Team":
                    service.Remove(BusinessUnit, AssignmentScope.Team, AcdTeam);
                    break;
                case "Default":
                    service.Remove(BusinessUnit, AssignmentScope.Default, null);
                    break;
                default:
                    service.Remove(BusinessUnit, AssignmentScope.Agent, AgentId);
                    break;
            }
        }
    }
}
