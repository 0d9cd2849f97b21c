using System;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>The rule of an agent that has none: no row matches, so the engine only cleans up what it holds.</summary>
    internal static class NoRule
    {
        public static readonly PresenceRule Instance = new PresenceRule("", "(none)", null, Array.Empty<PresenceRuleRow>(),
            ManualStatusPolicy.Respect, TimeSpan.FromHours(1), InternalCallPolicy.Ignore, DateTime.MinValue, DateTime.MinValue);
    }
}
