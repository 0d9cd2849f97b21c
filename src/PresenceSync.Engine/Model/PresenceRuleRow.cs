using System.Collections.Generic;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Model
{
    /// <summary>A validated rule row. Earlier rows win when several match.</summary>
    public sealed class PresenceRuleRow
    {
        public PresenceRuleRow(int position, RuleDirection direction, string acdState, TeamsTarget? target,
            string? availabilityPattern, string? activityPattern, IReadOnlyList<string> onlyWhenAcdState)
        {
            Position = position;
            DirectionValue = direction;
            AcdState = acdState;
            Target = target;
            AvailabilityPattern = availabilityPattern;
            ActivityPattern = activityPattern;
            OnlyWhenAcdState = onlyWhenAcdState;
        }

        public int Position { get; }
        /// <summary>A name, never a number, in every serialiser (ConvertTo-Json, Export-Csv); the engine works on DirectionValue.</summary>
        public string Direction => DirectionValue.ToString();
        internal RuleDirection DirectionValue { get; }
        public string AcdState { get; }

        /// <summary>What Teams is set to (ToTeams and Both rows).</summary>
        public TeamsTarget? Target { get; }

        /// <summary>The Teams availability a ToAcd or Both row reacts to (may hold wildcards).</summary>
        public string? AvailabilityPattern { get; }

        /// <summary>The Teams activity a ToAcd or Both row reacts to (may hold wildcards).</summary>
        public string? ActivityPattern { get; }
        public IReadOnlyList<string> OnlyWhenAcdState { get; }

        /// <summary>Rows towards Teams: the ACD state must last this long before it is written (null: at once).</summary>
        public System.TimeSpan? MinimumDuration { get; internal set; }

        /// <summary>Rows towards Teams: the status message set while the ACD state lasts (placeholders unfilled), cleared when it ends.</summary>
        public string? StatusMessage { get; internal set; }

        /// <summary>How long Teams keeps the status message at most (null: until the state ends).</summary>
        public System.TimeSpan? StatusMessageExpiry { get; internal set; }

        public string Teams => DirectionValue == RuleDirection.ToAcd
            ? AvailabilityPattern + "/" + ActivityPattern
            : Target!.ToString();

        /// <summary>The row as text, as New-PresenceRule -Row reads it: the one form that survives
        /// ConvertTo-Json at its default depth (which flattens the guard list into one string).</summary>
        public string Row => ToString();

        public bool WritesTeams => DirectionValue != RuleDirection.ToAcd;
        public bool WritesAcd => DirectionValue != RuleDirection.ToTeams;

        /// <summary>True when this row reacts to the given Teams state (ToAcd and Both rows).</summary>
        public bool MatchesTeams(PresenceState state) =>
            WritesAcd
            && new WildcardPattern(AvailabilityPattern!).IsMatch(state.Availability)
            && new WildcardPattern(ActivityPattern!).IsMatch(state.Activity);

        /// <summary>True when the guard lets this row change an agent who is in <paramref name="acdState"/>.</summary>
        public bool GuardAllows(string? acdState)
        {
            if (OnlyWhenAcdState.Count == 0) return true;
            foreach (var allowed in OnlyWhenAcdState)
            {
                if (string.Equals(allowed, acdState, System.StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        public override string ToString()
        {
            var arrow = DirectionValue switch { RuleDirection.ToTeams => "=>", RuleDirection.Both => "<=>", _ => "=>" };
            var text = DirectionValue == RuleDirection.ToAcd ? $"{Teams} {arrow} {AcdState}" : $"{AcdState} {arrow} {Teams}";
            if (StatusMessage != null) text += " message " + Rules.StatusMessageTemplate.Quote(StatusMessage);
            if (StatusMessageExpiry is System.TimeSpan expiry) text += " expires " + RowDuration.Format(expiry);
            if (MinimumDuration is System.TimeSpan min) text += " after " + RowDuration.Format(min);
            return OnlyWhenAcdState.Count == 0 ? text : text + " when " + string.Join(",", OnlyWhenAcdState);
        }
    }
}
