using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>What New-/Set-PresenceRule asks for; null members mean "leave as it is" on Set.</summary>
    public sealed class RuleChange
    {
        public string? Name { get; set; }
        public string? NewName { get; set; }
        public string? Description { get; set; }
        public IList<RuleRowDefinition>? Rows { get; set; }
        public ManualStatusPolicy? ManualStatusPolicy { get; set; }
        public TimeSpan? ManualOverrideDuration { get; set; }
        public InternalCallPolicy? InternalCalls { get; set; }
    }
}
