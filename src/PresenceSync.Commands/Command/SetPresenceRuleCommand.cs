using System;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Commands.Completion;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>Changes a rule: its rows (replaced as a whole and checked again), name, description or policies.</summary>
    [Cmdlet(VerbsCommon.Set, "PresenceRule", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRule))]
    public sealed class SetPresenceRuleCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Rule")]
        [ArgumentCompleter(typeof(RuleNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        public string? NewName { get; set; }

        /// <summary>The new rows; they replace all the rule's rows.</summary>
        [Parameter(Position = 1)]
        [Alias("Rows")]
        public object[]? Row { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public ManualStatusPolicy? ManualStatusPolicy { get; set; }

        [Parameter]
        [Binding.TimeSpanTransformation]
        public TimeSpan? ManualOverrideDuration { get; set; }

        [Parameter]
        public InternalCallPolicy? InternalCalls { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var change = new RuleChange
            {
                Name = Name,
                NewName = NewName,
                Description = Description,
                Rows = Row == null ? null : RuleRowReader.Read(Row),
                ManualStatusPolicy = ManualStatusPolicy,
                ManualOverrideDuration = ManualOverrideDuration,
                InternalCalls = InternalCalls,
            };
            var rule = new RuleService(Context).Set(BusinessUnit, change);
            if (rule != null && PassThru) WriteObject(rule);
        }
    }
}
