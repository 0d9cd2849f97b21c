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
        [ArgumentCompleter(typeof(AcdTeamCompleter))]
        [SupportsWildcards]
        public string? AcdTeam { get; set; }

        protected override void Process()
        {
            var scope = Scope;
            string? subject = null;
            if (!string.IsNullOrEmpty(AgentId)) { scope = AssignmentScope.Agent; subject = AgentId; }
            else if (!string.IsNullOrEmpty(AcdTeam)) { scope = AssignmentScope.Team; subject = AcdTeam; }
            foreach (var a in new AssignmentService(Context).Get(BusinessUnit, Rule, scope, subject)) WriteObject(a);
        }
    }
}
