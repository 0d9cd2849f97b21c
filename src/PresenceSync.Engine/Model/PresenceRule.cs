using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>A named set of rows mapping ACD states and Teams presence onto each other.</summary>
    public sealed class PresenceRule
    {
        public PresenceRule(string businessUnit, string name, string? description, IReadOnlyList<PresenceRuleRow> rows,
            global::PresenceSync.Engine.Model.ManualStatusPolicy manualStatusPolicy, TimeSpan manualOverrideDuration, InternalCallPolicy internalCalls,
            DateTime createdUtc, DateTime updatedUtc)
        {
            BusinessUnit = businessUnit;
            Name = name;
            Description = description;
            Rows = rows;
            ManualStatusPolicyValue = manualStatusPolicy;
            ManualOverrideDuration = manualOverrideDuration;
            InternalCallsValue = internalCalls;
            CreatedUtc = createdUtc;
            UpdatedUtc = updatedUtc;
        }

        public string BusinessUnit { get; }
        public string Name { get; }
        public string? Description { get; }
        public IReadOnlyList<PresenceRuleRow> Rows { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on ManualStatusPolicyValue.</summary>
        public string ManualStatusPolicy => ManualStatusPolicyValue.ToString();
        internal global::PresenceSync.Engine.Model.ManualStatusPolicy ManualStatusPolicyValue { get; }

        /// <summary>How long an override written into the preferred layer lasts.</summary>
        public TimeSpan ManualOverrideDuration { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on InternalCallsValue.</summary>
        public string InternalCalls => InternalCallsValue.ToString();
        internal InternalCallPolicy InternalCallsValue { get; }
        public DateTime CreatedUtc { get; }
        public DateTime UpdatedUtc { get; }

        /// <summary>Lets a rule bind to -Rule down the pipeline.</summary>
        public string Rule => Name;

        public override string ToString() => Name;
    }
}
