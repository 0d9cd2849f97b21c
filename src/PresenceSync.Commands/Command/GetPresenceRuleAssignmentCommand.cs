using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists rule assignments, filtered by rule, scope, agent or ACD team.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRuleAssignment")]
    [OutputType(typeof(PresenceRuleAssignment))]
    public sealed class GetPresenceRuleAssignmentCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RuleNameCompleter))]
        [SupportsWildcards]
        public string? Rule { get; set; }

        [Parameter]
        public AssignmentScope? Scope { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AgentIdCompleter))]
        [SupportsWildcards]
        public string? AgentId { get; set; }

        [Parameter]
        [Alias("Team")]
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        [SupportsWildcards]
        public string? AcdTeam { get; set; }

        protected override void Process()
        {
            // -AgentId and -AcdTeam each narrow to their scope; given together, both kinds are listed.
            var service = new AssignmentService(Context);
            if (string.IsNullOrEmpty(AgentId) && string.IsNullOrEmpty(AcdTeam))
            {
                foreach (var a in service.Get(BusinessUnit, Rule, Scope, null)) WriteObject(a);
                return;
            }
            if (!string.IsNullOrEmpty(AgentId) && (Scope == null || Scope == AssignmentScope.Agent))
                foreach (var a in service.Get(BusinessUnit, Rule, AssignmentScope.Agent, AgentId)) WriteObject(a);
            if (!string.IsNullOrEmpty(AcdTeam) && (Scope == null || Scope == AssignmentScope.Team))
                foreach (var a in service.Get(BusinessUnit, Rule, AssignmentScope.Team, AcdTeam)) WriteObject(a);
        }
    }
}
