using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using static PresenceSync.Engine.Sync.PresenceRank;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Decides, for one agent, what the sync should do now. Pure: it reads the rule, what the
    /// engine holds, and what Teams shows, and returns actions plus the state to keep; it never
    /// calls Graph. That is what makes "no echo", "no wasted write" and "respect a manual status"
    /// testable one case at a time.
    /// </summary>
    internal static class SyncDecider
    {
        public static List<SyncAction> Decide(PresenceRule rule, AgentSyncState s, TeamsPresence? observed, Guid teamsUserId, DateTime now, SyncTimings timings)
        {
            var actions = new List<SyncAction>();
            if (s.TeamsUserId is Guid previous && previous != teamsUserId && (s.SessionState != null || s.PendingWrite != null))
            {
                actions.Add(new SyncAction(SyncActionKind.ClearSession, "The agent was remapped; clear the session on the previous Teams user.") { TeamsUserId = previous });
                s.SessionState = null;
                s.PendingWrite = null;
            }
            s.TeamsUserId = teamsUserId;

            Observe(rule, s, observed, now, timings, actions);
            DetectManualHold(s, actions);
            PlanTeams(rule, s, now, timings, actions);
            return actions;
        }

        /// <summary>A new Teams state that the engine did not cause may move the ACD, through the first matching row.</summary>
        private static void Observe(PresenceRule rule, AgentSyncState s, TeamsPresence? observed, DateTime now, SyncTimings timings, List<SyncAction> actions)
        {
            // Sequence numbers sort: a report no newer than the last one seen (from any source) is dropped.
            if (observed == null || (observed.SequenceNumber != null && s.TeamsSequence != null
                && string.CompareOrdinal(observed.SequenceNumber, s.TeamsSequence) <= 0)) return;
            var shown = observed.State;
            s.TeamsStatusMessage = observed.StatusMessage;
            var changed = !Same(shown, s.TeamsState);
            s.TeamsState = shown;
            s.TeamsSequence = observed.SequenceNumber;
            // When the read started: a write confirmed after that may not show in it yet.
            s.TeamsSeenUtc = observed.ReadUtc < now ? observed.ReadUtc : now;
            if (!changed) return;
            var echo = Same(shown, s.SessionState) || Same(shown, s.PreferredState)
                || (s.ClearedUtc is DateTime cleared && now - cleared < timings.EchoWindowAfterClear);
            if (echo) return;
            var row = rule.Rows.FirstOrDefault(r => r.MatchesTeams(shown) && r.GuardAllows(s.RuleState));
            if (row == null || SameText(row.AcdState, s.RuleState)) return;
            actions.Add(new SyncAction(SyncActionKind.AcdChange, $"Teams shows {shown}", row)
            {
                State = shown,
                FromAcdState = s.RuleState,
                ToAcdState = row.AcdState,
            });
            s.RuleState = row.AcdState;
            s.AcdState = row.AcdState;
            s.AcdByEngine = true;
        }

        /// <summary>Teams below the app's own session can only be a status the user chose by hand.</summary>
        private static void DetectManualHold(AgentSyncState s, List<SyncAction> actions)
        {
            var held = false;
            if (s.SessionState != null && s.TeamsState != null && s.SessionWrittenUtc is DateTime written && s.TeamsSeenUtc > written)
            {
                var shown = Of(s.TeamsState.Availability);
                held = shown >= 0 && shown < Of(s.SessionState.Availability) && !Same(s.TeamsState, s.PreferredState);
            }
            else if (s.SessionState != null)
            {
                held = s.ManualHold; // no newer observation: keep what was concluded
            }
            if (held == s.ManualHold) return;
            actions.Add(new SyncAction(held ? SyncActionKind.ManualHoldStarted : SyncActionKind.ManualHoldEnded,
                held ? $"Teams shows {s.TeamsState} although the app's session holds {s.SessionState}: a status set by hand" : "The manual status is gone")
            { State = s.TeamsState });
            s.ManualHold = held;
        }

        private static void PlanTeams(PresenceRule rule, AgentSyncState s, DateTime now, SyncTimings timings, List<SyncAction> actions)
        {
            if (s.PreferredState != null && s.PreferredExpiresUtc is DateTime lapsed && lapsed <= now)
            {
                // Graph dropped the override at its expiry: nothing left to clear.
                s.PreferredState = null;
                s.PreferredExpiresUtc = null;
            }
            PresenceState? session;
            PresenceState? preferred;
            PresenceRuleRow? row = null;
            if (s.AcdByEngine)
            {
                // The engine set this ACD state from Teams: never echo it back, keep what is held.
                session = s.SessionState;
                preferred = s.PreferredState;
            }
            else
            {
                row = s.RuleState == null ? null : rule.Rows.FirstOrDefault(r => r.WritesTeams && SameText(r.AcdState, s.RuleState));
                if (row?.MinimumDuration is TimeSpan minimum && s.AcdStateUtc is DateTime since)
                {
                    // Teams keeps what it shows until the state has lasted: a shorter one causes no write at all.
                    var due = (since < now ? since : now) + minimum;
                    if (due > now)
                    {
                        actions.Add(new SyncAction(SyncActionKind.WaitForMinimumDuration,
                            $"ACD state '{s.RuleState}' is written once it has lasted {RowDuration.Format(minimum)}", row) { Due = due });
                        return;
                    }
                }
                session = row?.Target?.KindValue == TeamsTargetKind.Session ? row.Target.State : null;
                preferred = row?.Target?.KindValue == TeamsTargetKind.Preferred ? row.Target.State : null;
                var keepOverride = session != null && s.PreferredState != null && s.PreferredExpiresUtc != null && Same(s.PreferredState, ToPreferred(session));
                if (preferred == null && session != null && ((s.ManualHold && rule.ManualStatusPolicyValue == ManualStatusPolicy.Override) || keepOverride))
                    preferred = ToPreferred(session);
            }

            var why = row != null ? $"ACD state '{s.RuleState}'" : s.AcdByEngine ? "keeping what the engine holds" : $"no row for ACD state '{s.RuleState ?? "(none)"}'";
            if (session != null)
            {
                var age = s.SessionWrittenUtc is DateTime w ? now - w : TimeSpan.Zero;
                var refresh = s.SessionExpiresUtc is DateTime expires && (expires - now < timings.RefreshMargin
                    || age >= timings.ReassertInterval
                    || (string.Equals(session.Availability, "Available", StringComparison.OrdinalIgnoreCase) && age >= timings.AvailableRefresh));
                var differs = !Same(s.SessionState, session);
                var alreadyShown = s.SessionState == null && s.PendingWrite == null && Same(s.TeamsState, session);
                if ((differs && !alreadyShown) || refresh || s.PendingWrite != null)
                    actions.Add(new SyncAction(SyncActionKind.SetSession, refresh && !differs ? $"refresh before the session expires ({why})" : why, row)
                    { State = session, Expiry = timings.SessionLifetime });
            }
            else if (s.SessionState != null || s.PendingWrite != null)
            {
                actions.Add(new SyncAction(SyncActionKind.ClearSession, row?.Target?.KindValue == TeamsTargetKind.ClearSession ? why + " clears the session" : why, row));
            }

            PlanStatusMessage(rule, s, s.AcdByEngine ? null : row, now, actions);

            if (preferred != null)
            {
                var overriding = row?.Target?.KindValue != TeamsTargetKind.Preferred && !s.AcdByEngine;
                var expiring = s.PreferredExpiresUtc is DateTime pe && pe - now < timings.RefreshMargin;
                if (!Same(s.PreferredState, preferred) || (expiring && !overriding)) // an override is never extended: it is bounded
                    actions.Add(new SyncAction(SyncActionKind.SetPreferred, overriding ? $"override the manual status for {rule.ManualOverrideDuration} ({why})" : why, row)
                    { State = preferred, Expiry = overriding ? rule.ManualOverrideDuration : (TimeSpan?)null });
            }
            else if (s.PreferredState != null)
            {
                actions.Add(new SyncAction(SyncActionKind.ClearPreferred, why + ": the engine's preferred presence is no longer wanted", row));
            }
        }

        /// <summary>The row's status message while its ACD state lasts; cleared once a row without one takes over.</summary>
        /// A message Teams shows that one of the rule's rows would write counts as the engine's, so that a
        /// message set by an earlier run (or -Once pass) is cleared too; one the user typed is left alone.
        private static void PlanStatusMessage(PresenceRule rule, AgentSyncState s, PresenceRuleRow? row, DateTime now, List<SyncAction> actions)
        {
            if (row?.StatusMessage is string template)
            {
                var text = Rules.StatusMessageTemplate.Fill(template, s.RuleState, s.AcdReason, s.AcdStateUtc is DateTime since && since < now ? since : now, s.AgentId);
                if (s.StatusMessage == null && string.Equals(text, s.TeamsStatusMessage, StringComparison.Ordinal)) s.StatusMessage = text; // already shown
                if (!string.Equals(text, s.StatusMessage, StringComparison.Ordinal))
                    actions.Add(new SyncAction(SyncActionKind.SetStatusMessage, $"ACD state '{s.RuleState}' sets the status message", row)
                    { Message = text, Expiry = row.StatusMessageExpiry });
            }
            else if (s.StatusMessage != null || (s.TeamsStatusMessage is string shown
                && rule.Rows.Any(r => r.StatusMessage != null && Rules.StatusMessageTemplate.Matches(r.StatusMessage, shown))))
            {
                actions.Add(new SyncAction(SyncActionKind.ClearStatusMessage, $"ACD state '{s.RuleState ?? "(none)"}' ends the status message", row));
            }
        }
    }
}
