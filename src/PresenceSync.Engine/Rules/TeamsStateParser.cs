using System;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Rules
{
    /// <summary>Turns the Teams side of a row into a settable target or a match pattern, or says why not.</summary>
    internal static class TeamsStateParser
    {
        public static TeamsTarget ParseTarget(string text, RuleRowDefinition row)
        {
            var t = text.Trim();
            if (string.Equals(t, TeamsTarget.ClearKeyword, StringComparison.OrdinalIgnoreCase)) return TeamsTarget.Clear();
            TeamsTargetKind? forced = null;
            if (t.StartsWith(TeamsTarget.PreferredPrefix, StringComparison.OrdinalIgnoreCase))
            {
                forced = TeamsTargetKind.Preferred;
                t = t.Substring(TeamsTarget.PreferredPrefix.Length);
            }
            else if (t.StartsWith(TeamsTarget.SessionPrefix, StringComparison.OrdinalIgnoreCase))
            {
                forced = TeamsTargetKind.Session;
                t = t.Substring(TeamsTarget.SessionPrefix.Length);
            }
            if (WildcardPattern.ContainsWildcards(t))
                throw Unsettable(row, $"'{text}' holds a wildcard, but Teams can only be set to one exact state");
            var state = Canonical(t, row);

            var session = PresenceVocabulary.IsSessionPair(state);
            var preferred = PresenceVocabulary.IsPreferredPair(state);
            if (forced == TeamsTargetKind.Preferred && !preferred)
                throw Unsettable(row, $"setUserPreferredPresence does not accept {state}; it accepts {Pairs(PresenceVocabulary.PreferredPairs.Select(p => p.ToString()))}");
            if (forced == TeamsTargetKind.Session && !session)
                throw Unsettable(row, $"setPresence does not accept {state}; it accepts {Pairs(PresenceVocabulary.SessionPairs.Select(p => p.ToString()))}");
            if (!session && !preferred)
            {
                throw Unsettable(row, $"Graph cannot set {state}: setPresence accepts {Pairs(PresenceVocabulary.SessionPairs.Select(p => p.ToString()))}; " +
                    $"setUserPreferredPresence (write 'Preferred:...') accepts {Pairs(PresenceVocabulary.PreferredPairs.Select(p => p.ToString()))}; or write 'Clear'");
            }
            // The app's own session is the default: it never hides a status the user chose by hand.
            return TeamsTarget.Of(forced ?? (session ? TeamsTargetKind.Session : TeamsTargetKind.Preferred), state);
        }

        /// <summary>"Busy/In*", "DoNotDisturb/*" or just "Away" (any activity); every exact part must be a known value.</summary>
        public static (string Availability, string Activity) ParsePattern(string text, RuleRowDefinition row)
        {
            var parts = text.Trim().Split('/');
            if (parts.Length > 2 || parts.Any(p => p.Trim().Length == 0))
                throw Unknown(row, $"'{text}' is not of the form Availability/Activity");
            var availability = Part(parts[0].Trim(), PresenceVocabulary.Availabilities, "availability", row);
            var activity = parts.Length == 2 ? Part(parts[1].Trim(), PresenceVocabulary.Activities, "activity", row) : "*";
            return (availability, activity);
        }

        private static string Part(string value, System.Collections.Generic.IReadOnlyList<string> known, string what, RuleRowDefinition row)
        {
            if (WildcardPattern.ContainsWildcards(value))
            {
                var pattern = new WildcardPattern(value);
                if (!known.Any(pattern.IsMatch)) throw Unknown(row, $"the {what} pattern '{value}' matches no Teams {what}");
                return value;
            }
            return PresenceVocabulary.Canonical(known, value)
                ?? throw Unknown(row, $"'{value}' is not a Teams {what}; known values are {Pairs(known)}");
        }

        private static PresenceState Canonical(string text, RuleRowDefinition row)
        {
            var state = PresenceState.TryParse(text) ?? throw Unknown(row, $"'{text}' is not of the form Availability/Activity");
            var availability = PresenceVocabulary.Canonical(PresenceVocabulary.Availabilities, state.Availability)
                ?? throw Unknown(row, $"'{state.Availability}' is not a Teams availability; known values are {Pairs(PresenceVocabulary.Availabilities)}");
            var activity = PresenceVocabulary.Canonical(PresenceVocabulary.Activities, state.Activity)
                ?? throw Unknown(row, $"'{state.Activity}' is not a Teams activity; known values are {Pairs(PresenceVocabulary.Activities)}");
            return new PresenceState(availability, activity);
        }

        private static string Pairs(System.Collections.Generic.IEnumerable<string> values) => string.Join(", ", values);

        private static PresenceSyncException Unknown(RuleRowDefinition row, string why) =>
            EngineContext.Fail(ErrorIds.UnknownTeamsState, ErrorKind.InvalidArgument, $"Rule row '{row}': {why}.", row);

        private static PresenceSyncException Unsettable(RuleRowDefinition row, string why) =>
            EngineContext.Fail(ErrorIds.UnsettableTeamsTarget, ErrorKind.InvalidArgument, $"Rule row '{row}': {why}.", row);
    }
}
