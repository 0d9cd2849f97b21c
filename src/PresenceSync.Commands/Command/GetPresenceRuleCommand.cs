using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Lists rules with their rows.</summary>
    [Cmdlet(VerbsCommon.Get, "PresenceRule")]
    [OutputType(typeof(PresenceRule))]
    public sealed class GetPresenceRuleCommand : BusinessUnitCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Rule")]
        [ArgumentCompleter(typeof(RuleNameCompleter))]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void Process()
        {
            foreach (var rule in new RuleService(Context).Get(BusinessUnit, Name)) WriteObject(rule);
        }
    }
}
