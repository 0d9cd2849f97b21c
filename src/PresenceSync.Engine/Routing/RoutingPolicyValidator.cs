using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Rules;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Checks a routing policy when it is written, as rules are checked: unknown Teams states,
    /// decisions other than Route/DoNotRoute, and rows an earlier row hides with the opposite
    /// decision (the classic "Busy/* => Route" above "Busy/InACall => DoNotRoute") are refused.
    /// </summary>
    internal static class RoutingPolicyValidator
    {
        public static readonly TimeSpan MinimumTeamsAge = TimeSpan.FromSeconds(10);
        public static readonly TimeSpan MaximumTeamsAge = TimeSpan.FromDays(1);

        /// <summary>Used when a policy falls back on stale data and names no fallback rows: only a plain Available agent is routed.</summary>
        public static IReadOnlyList<PresenceRoutingRow> ConservativeFallback { get; } = new[]
        {
            new PresenceRoutingRow(1, "Available", "Available", RoutingDecisions.Route, Array.Empty<string>()),
        };

        public static IReadOnlyList<PresenceRoutingRow> Rows(IList<RoutingRowDefinition>? definitions, string what)
        {
            var rows = (definitions ?? new List<RoutingRowDefinition>()).Select((d, i) => Row(d, i + 1, what)).ToList();
            for (var j = 0; j < rows.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    if (!Covers(rows[i], rows[j]) || rows[i].Decision == rows[j].Decision) continue;
                    throw EngineContext.Fail(RoutingErrorIds.ConflictingRoutingRows, ErrorKind.InvalidData,
                        $"{what} {rows[j].Position} ('{rows[j]}') could never decide: row {rows[i].Position} ('{rows[i]}') matches every state it does and says {rows[i].Decision}.",
                        rows[j].ToString(), $"Put the narrower row first, for example '{rows[j]}' above '{rows[i]}'.");
                }
            }
            return rows;
        }

        public static string Decision(string? text, string what)
        {
            return RoutingDecisions.Canonical(text, RoutingDecisions.Decisions)
                ?? throw EngineContext.Fail(RoutingErrorIds.InvalidRoutingDecision, ErrorKind.InvalidArgument,
                    $"{what} '{text}' is not a routing decision; use Route or DoNotRoute.", text);
        }

        public static string WhenStale(string? text) =>
            RoutingDecisions.Canonical(text, RoutingDecisions.StaleHandlings)
            ?? throw EngineContext.Fail(RoutingErrorIds.InvalidStaleHandling, ErrorKind.InvalidArgument,
                $"'{text}' is not a way to handle a stale Teams view; use {string.Join(", ", RoutingDecisions.StaleHandlings)}.", text);

        /// <summary>Zero or null means no limit.</summary>
        public static TimeSpan? MaxTeamsAge(TimeSpan? age)
        {
            if (age == null || age == TimeSpan.Zero) return null;
            if (age < MinimumTeamsAge || age > MaximumTeamsAge)
                throw EngineContext.Fail(RoutingErrorIds.InvalidTeamsAge, ErrorKind.InvalidArgument,
                    $"-MaxTeamsAge must be between {MinimumTeamsAge.TotalSeconds} seconds and {MaximumTeamsAge.TotalHours} hours (or 0 for no limit), not {age}.", age);
            return age;
        }

        public static IReadOnlyList<string> AcdStates(IList<string>? states) =>
            (states ?? new List<string>()).Select(s => (s ?? string.Empty).Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        private static PresenceRoutingRow Row(RoutingRowDefinition d, int position, string what)
        {
            if (string.IsNullOrWhiteSpace(d.Teams) || string.IsNullOrWhiteSpace(d.Decision))
                throw RoutingRowParser.Invalid(d.ToString(), $"{what.ToLowerInvariant()} {position} needs both a Teams state and Route or DoNotRoute");
            var decision = Decision(d.Decision, $"{what} {position} ('{d}'):");
            var (availability, activity) = TeamsStateParser.ParsePattern(d.Teams!, new RuleRowDefinition { Text = d.ToString() });
            var guard = d.OnlyWhenAcdState.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (guard.Any(WildcardPattern.ContainsWildcards))
                throw RoutingRowParser.Invalid(d.ToString(), "ACD states after 'when' are exact names, without wildcards");
            return new PresenceRoutingRow(position, availability, activity, decision, guard);
        }

        /// <summary>True when every state row <paramref name="later"/> matches is matched by <paramref name="earlier"/> first.</summary>
        private static bool Covers(PresenceRoutingRow earlier, PresenceRoutingRow later)
        {
            var guardCovers = earlier.OnlyWhenAcdState.Count == 0
                || (later.OnlyWhenAcdState.Count > 0 && later.OnlyWhenAcdState.All(s => earlier.OnlyWhenAcdState.Contains(s, StringComparer.OrdinalIgnoreCase)));
            return guardCovers && Part(earlier.AvailabilityPattern, later.AvailabilityPattern) && Part(earlier.ActivityPattern, later.ActivityPattern);
        }

        private static bool Part(string earlier, string later) =>
            earlier == "*" || string.Equals(earlier, later, StringComparison.OrdinalIgnoreCase)
            || (!WildcardPattern.ContainsWildcards(later) && new WildcardPattern(earlier).IsMatch(later));
    }
}
