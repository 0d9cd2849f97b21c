using System.Collections.Generic;

namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// A rule row as the admin wrote it (a hashtable, a CSV row or the "A => B" text form), before
    /// validation turns it into a <see cref="PresenceRuleRow"/>.
    /// </summary>
    public sealed class RuleRowDefinition
    {
        public RuleDirection Direction { get; set; } = RuleDirection.ToTeams;
        public string? AcdState { get; set; }

        /// <summary>"Busy/InACall", "Preferred:Busy/Busy", "Clear", or a pattern such as "Busy/In*".</summary>
        public string? Teams { get; set; }

        /// <summary>Guard on rows towards the ACD: fire only while the agent is in one of these ACD states.</summary>
        public IList<string> OnlyWhenAcdState { get; set; } = new List<string>();

        /// <summary>Rows towards Teams: write only once the ACD state has lasted this long ("after 5s").</summary>
        public System.TimeSpan? MinimumDuration { get; set; }

        /// <summary>Rows towards Teams: a status message (placeholders {State}, {Reason}, {Time}, {AgentId}), cleared when the state ends.</summary>
        public string? StatusMessage { get; set; }

        /// <summary>How long Teams keeps the status message at most (null: until the state ends).</summary>
        public System.TimeSpan? StatusMessageExpiry { get; set; }

        /// <summary>What the admin wrote, for error messages.</summary>
        public string? Text { get; set; }

        public override string ToString() => Text ?? $"{AcdState} {Direction} {Teams}";
    }
}
