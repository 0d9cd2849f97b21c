using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// Checks rule rows when they are written, not when they first fire: unknown and unsettable
    /// Teams states, rows that contradict each other, and rows that would ping-pong between the
    /// two sides are refused with the reason, so a rule in the store is always one the sync can run.
    /// </summary>
    public static class RuleValidator
    {
        public static readonly TimeSpan MinimumOverride = TimeSpan.FromMinutes(5);
        public static readonly TimeSpan MaximumOverride = TimeSpan.FromDays(1);

        /// <summary>
        /// Bounds of a row's minimum duration ("after 5s"): long enough to matter, short enough that
        /// the session the engine holds for the previous state never lapses while a row waits.
        /// </summary>
        public static readonly TimeSpan ShortestMinimumDuration = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan LongestMinimumDuration = TimeSpan.FromMinutes(5);

        /// <summary>Validated rows in the order given; throws a PresenceSyncException naming the first problem.</summary>
        public static IReadOnlyList<PresenceRuleRow> Validate(IList<RuleRowDefinition> definitions)
        {
            if (definitions == null || definitions.Count == 0)
            {
                throw EngineContext.Fail(ErrorIds.RuleHasNoRows, ErrorKind.InvalidArgument,
                    "A rule needs at least one row.", definitions, "Pass rows with -Row, for example -Row 'Inbound => Busy/InACall'.");
            }
            var rows = definitions.Select((d, i) => ValidateRow(d, i + 1)).ToList();
            CheckConflicts(rows);
            var cycle = OscillationDetector.FindCycle(rows);
            if (cycle != null)
            {
                throw EngineContext.Fail(ErrorIds.OscillatingRule, ErrorKind.InvalidData,
                    $"These rows would make the ACD and Teams ping-pong for ever: {cycle}.", definitions,
                    "Add a guard ('when ...') to the row towards the ACD, or change one of the states in the cycle.");
            }
            return rows;
        }

        public static void ValidateOverride(TimeSpan duration)
        {
            if (duration < MinimumOverride || duration > MaximumOverride)
            {
                throw EngineContext.Fail(ErrorIds.InvalidOverrideDuration, ErrorKind.InvalidArgument,
                    $"A manual-status override must last between {MinimumOverride.TotalMinutes} minutes and {MaximumOverride.TotalHours} hours, not {duration}.",
                    duration);
            }
        }

        private static PresenceRuleRow ValidateRow(RuleRowDefinition d, int position)
        {
            var acdState = d.AcdState?.Trim();
            if (string.IsNullOrEmpty(acdState) || string.IsNullOrWhiteSpace(d.Teams))
            {
                throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                    $"Rule row {position} ('{d}') needs both an ACD state and a Teams state.", d);
            }
            if (WildcardPattern.ContainsWildcards(acdState))
            {
                throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                    $"Rule row {position} ('{d}'): the ACD state '{acdState}' holds a wildcard; ACD states are exact names.", d);
            }
            var guard = d.OnlyWhenAcdState.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (guard.Count > 0 && d.Direction == RuleDirection.ToTeams)
            {
                throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                    $"Rule row {position} ('{d}'): a guard ('when ...') only applies to rows towards the ACD.", d);
            }

            if (d.MinimumDuration is TimeSpan minimum)
            {
                if (d.Direction == RuleDirection.ToAcd)
                {
                    throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): a minimum duration ('after ...') only applies to rows towards Teams.", d);
                }
                if (minimum < ShortestMinimumDuration || minimum > LongestMinimumDuration)
                {
                    throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): a minimum duration must be between {ShortestMinimumDuration.TotalSeconds} second and {LongestMinimumDuration.TotalMinutes} minutes, not {RowDuration.Format(minimum)}.",
                        d, "Write it as 'after 5s' (seconds), 'after 2m' (minutes).");
                }
            }

            if (d.StatusMessage != null || d.StatusMessageExpiry != null)
            {
                if (d.Direction == RuleDirection.ToAcd)
                {
                    throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): a status message only applies to rows towards Teams.", d);
                }
                if (d.StatusMessage == null)
                {
                    throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): an expiry needs a status message.", d, "Write message \"...\" expires 30m.");
                }
                var problem = StatusMessageTemplate.Problem(d.StatusMessage);
                if (problem != null)
                {
                    throw EngineContext.Fail(ErrorIds.InvalidStatusMessage, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): {problem}.", d,
                        $"Write one line of plain text of at most {StatusMessageTemplate.MaxLength} characters; {{State}}, {{Reason}}, {{Time}} and {{AgentId}} are filled in.");
                }
                if (d.StatusMessageExpiry is TimeSpan expiry && (expiry < StatusMessageTemplate.ShortestExpiry || expiry > StatusMessageTemplate.LongestExpiry))
                {
                    throw EngineContext.Fail(ErrorIds.InvalidStatusMessage, ErrorKind.InvalidArgument,
                        $"Rule row {position} ('{d}'): a status message expires after 1 minute to 7 days, not {RowDuration.Format(expiry)}.", d);
                }
            }

            if (d.Direction == RuleDirection.ToAcd)
            {
                var (availability, activity) = TeamsStateParser.ParsePattern(d.Teams!, d);
                return new PresenceRuleRow(position, d.Direction, acdState!, null, availability, activity, guard);
            }
            var target = TeamsStateParser.ParseTarget(d.Teams!, d);
            if (d.Direction == RuleDirection.Both && target.KindValue == TeamsTargetKind.ClearSession)
            {
                throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                    $"Rule row {position} ('{d}'): 'Clear' cannot be read back from Teams, so it cannot go both ways.", d);
            }
            if (d.StatusMessage != null && target.KindValue == TeamsTargetKind.ClearSession)
            {
                throw EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                    $"Rule row {position} ('{d}'): 'Clear' hands Teams back to the user, so it sets no status message.", d);
            }
            var both = d.Direction == RuleDirection.Both;
            return new PresenceRuleRow(position, d.Direction, acdState!, target,
                both ? target.State!.Availability : null, both ? target.State!.Activity : null, guard)
            { MinimumDuration = d.MinimumDuration, StatusMessage = d.StatusMessage, StatusMessageExpiry = d.StatusMessageExpiry };
        }

        private static void CheckConflicts(List<PresenceRuleRow> rows)
        {
            var toTeams = rows.Where(r => r.WritesTeams).GroupBy(r => r.AcdState, StringComparer.OrdinalIgnoreCase);
            foreach (var group in toTeams.Where(g => g.Count() > 1))
            {
                var list = group.ToList();
                throw EngineContext.Fail(ErrorIds.ConflictingRuleRows, ErrorKind.InvalidData,
                    $"Rows {list[0].Position} ('{list[0]}') and {list[1].Position} ('{list[1]}') both say what the ACD state '{group.Key}' shows in Teams.",
                    list[1], "Keep one row per ACD state towards Teams.");
            }
            var toAcd = rows.Where(r => r.WritesAcd).ToList();
            for (var i = 0; i < toAcd.Count; i++)
            {
                for (var j = i + 1; j < toAcd.Count; j++)
                {
                    var a = toAcd[i];
                    var b = toAcd[j];
                    var samePattern = string.Equals(a.AvailabilityPattern, b.AvailabilityPattern, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(a.ActivityPattern, b.ActivityPattern, StringComparison.OrdinalIgnoreCase);
                    var sameGuard = a.OnlyWhenAcdState.Count == b.OnlyWhenAcdState.Count
                        && a.OnlyWhenAcdState.All(s => b.OnlyWhenAcdState.Contains(s, StringComparer.OrdinalIgnoreCase));
                    if (samePattern && sameGuard && !string.Equals(a.AcdState, b.AcdState, StringComparison.OrdinalIgnoreCase))
                    {
                        throw EngineContext.Fail(ErrorIds.ConflictingRuleRows, ErrorKind.InvalidData,
                            $"Rows {a.Position} ('{a}') and {b.Position} ('{b}') react to the same Teams state with different ACD states; row {b.Position} could never fire.",
                            b, "Remove one of them, or give them different guards.");
                    }
                }
            }
        }
    }
}
