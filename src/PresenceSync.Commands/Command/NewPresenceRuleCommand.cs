using System;
using System.Management.Automation;
using PresenceSync.Commands.Binding;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Commands.Command
{
    /// <summary>
    /// Creates a rule: rows that map ACD states to Teams presence, Teams presence to ACD states,
    /// or both. Rows are checked when written: unknown or unsettable Teams states and rows that
    /// would ping-pong between the two sides are refused with the reason.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PresenceRule", SupportsShouldProcess = true)]
    [OutputType(typeof(PresenceRule))]
    public sealed class NewPresenceRuleCommand : BusinessUnitCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Rule")]
        public string Name { get; set; } = string.Empty;

        /// <summary>Rows as text ('Inbound => Busy/InACall'), hashtables or objects; earlier rows win.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Rows")]
        public object[] Row { get; set; } = Array.Empty<object>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public ManualStatusPolicy ManualStatusPolicy { get; set; } = ManualStatusPolicy.Respect;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Binding.TimeSpanTransformation]
        public TimeSpan ManualOverrideDuration { get; set; } = RuleService.DefaultOverride;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public InternalCallPolicy InternalCalls { get; set; } = InternalCallPolicy.Ignore;

        protected override void Process()
        {
            var change = new RuleChange
            {
                Name = Name,
                Description = Description,
                Rows = RuleRowReader.Read(Row),
                ManualStatusPolicy = ManualStatusPolicy,
                ManualOverrideDuration = ManualOverrideDuration,
                InternalCalls = InternalCalls,
            };
            var rule = new RuleService(Context).New(BusinessUnit, change);
            if (rule != null) WriteObject(rule);
        }
    }
}
