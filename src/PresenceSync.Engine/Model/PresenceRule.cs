using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>A named set of rows mapping ACD states and Teams presence onto each other.</summary>
    public sealed class PresenceRule
    {
        public PresenceRule(string businessUnit, string name, string? description, IReadOnlyList<PresenceRuleRow> rows,
            ManualStatusPolicy manualStatusPolicy, TimeSpan manualOverrideDuration, InternalCallPolicy internalCalls,
            DateTime createdUtc, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            Name = name;
            Description = description;
            Rows = rows;
            ManualStatusPolicy = manualStatusPolicy;
            ManualOverrideDuration = manualOverrideDuration;
            InternalCalls = internalCalls;
            CreatedUtc = createdUtc;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string Name { get; }
        public string? Description { get; }
        public IReadOnlyList<PresenceRuleRow> Rows { get; }
        public ManualStatusPolicy ManualStatusPolicy { get; }

        /// <summary>How long an override written into the preferred layer lasts.</summary>
        public TimeSpan ManualOverrideDuration { get; }
        public InternalCallPolicy InternalCalls { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a rule bind to -Rule down the pipeline.</summary>
        public string Rule => Name;

        public override string ToString() => Name;
    }
}
