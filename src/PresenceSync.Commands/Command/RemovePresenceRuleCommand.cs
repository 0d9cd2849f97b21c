using System.Management.Automation;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Removes rules; a rule still assigned only with -Force, which removes its assignments too.</summary>
    [Cmdlet(VerbsCommon.Remove, "PresenceRule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemovePresenceRuleCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Rule")]
        [ArgumentCompleter(typeof(RuleNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process() => new RuleService(Context).Remove(BusinessUnit, Name, Force);
    }
}
