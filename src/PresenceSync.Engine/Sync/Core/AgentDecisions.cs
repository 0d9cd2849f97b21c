using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Carries out the decider's verdict for one agent inside its unit's engine loop: ACD changes
    /// go to the sinks, Teams writes are announced in the store and queued on the agent's app,
    /// and when a write lands the state and history follow. One write job per agent at a time: a
    /// newer decision replaces a queued job, and waits for one already on its way.
    /// </summary>
    internal sealed class AgentDecisions
    {
        private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(5);
        private readonly EngineContext _context;
        private readonly PresenceBusinessUnit _unit;
        private readonly SyncTimings _timings;
        private readonly TimerQueue _timers;
        private readonly Func<AgentSlot, WriteScheduler> _schedulerFor;
        private readonly UnitCounters _counters;
        private readonly SinkFanout _sinks;

        public AgentDecisions(EngineContext context, PresenceBusinessUnit unit, SyncTimings timings, TimerQueue timers,
            Func<AgentSlot, WriteScheduler> schedulerFor, UnitCounters counters, SinkFanout sinks)
        {
            _context = context;
            _unit = unit;
            _timings = timings;
            _timers = timers;
            _schedulerFor = schedulerFor;
            _counters = counters;
            _sinks = sinks;
        }

        /// <summary>Agents with a write job queued or on its way (a -Once run ends when none is left).</summary>
        public int OpenJobs { get; private set; }

        public void Decide(AgentSlot slot, DateTime now, StoreBatch batch)
        {
            var s = slot.State;
            if (slot.Job != null)
            {
                if (!TryDrop(slot))
                {
                    slot.Dirty = true; // on its way: decide again when it lands
                    return;
                }
            }
            var observed = slot.Observed;
            slot.Observed = null;
            var teamsBefore = (observed?.State ?? s.TeamsState)?.ToString();
            var before = s.Clone();
            var actions = SyncDecider.Decide(slot.Rule, s, observed, slot.TeamsUserId, now, _timings);
            foreach (var action in actions)
            {
                _context.Host.WriteVerbose($"{_unit.Name}/{slot.AgentId}: {action.Kind} {action.State?.ToString() ?? action.ToAcdState} because {action.Reason}.");
                if (action.Kind == SyncActionKind.AcdChange) AcdChange(slot, action, now, batch);
                else if (action.Kind == SyncActionKind.WaitForMinimumDuration) _timers.Schedule(slot, action.Due!.Value);
                else if (!action.WritesTeams)
                    batch.History(Entry(slot, action.Kind == SyncActionKind.ManualHoldStarted ? "Manual" : "Info", s.AcdEventId, action, teamsBefore, action.State?.ToString(), null, "OK", null, null));
            }
            var writes = actions.Where(a => a.WritesTeams).ToList();
            if (writes.Count > 0)
            {
                var job = new WriteJob(slot, writes, SessionBook.PriorityOf(writes, before, now, _timings), s.PendingWrite, now) { TeamsBefore = teamsBefore };
                // Announce the write first: if the process dies before it is confirmed, the next run still knows it may hold a session.
                s.PendingWrite = SessionBook.Announcement(job.Current);
                slot.Job = job;
                OpenJobs++;
                batch.Save(slot);
                batch.Enqueue(job, _schedulerFor(slot));
                return;
            }
            if (actions.Count > 0 || !s.SameAs(before)) batch.Save(slot);
            ScheduleNext(slot, now);
        }

        /// <summary>A write of the slot's job landed (or failed): record it, then go on with the job's next step or the next decision.</summary>
        public void Landed(WriteJob job, TeamsWriteOutcome outcome, DateTime confirmedUtc, StoreBatch batch)
        {
            var slot = job.Slot;
            var s = slot.State;
            var action = job.Current;
            var ok = outcome.ErrorId == null;
            if (ok) SessionBook.Confirmed(s, action, confirmedUtc);
            else _counters.Error($"{slot.AgentId}: {outcome.ErrorId}");
            _counters.Write(ok);
            var write = job.Write;
            var latency = (int)Math.Max(0, (confirmedUtc - job.DecidedUtc).TotalMilliseconds);
            var after = write.Clears ? "(cleared)" : action.Kind == SyncActionKind.SetStatusMessage ? "message: " + action.Message : action.State?.ToString();
            batch.History(Entry(slot, "ToTeams", s.AcdEventId, action, job.TeamsBefore, after,
                write.Operation, outcome.ErrorId ?? "OK", latency, _schedulerFor(slot).ClientId));
            if (ok && !job.LastStep)
            {
                job.Step++;
                s.PendingWrite = SessionBook.Announcement(job.Current);
                batch.Save(slot);
                batch.Enqueue(job, _schedulerFor(slot));
                return;
            }
            slot.Job = null;
            OpenJobs--;
            if (ok)
            {
                s.PendingWrite = null;
                slot.Failures = 0;
            }
            else
            {
                // Once per run of failures of one agent: a write retried every few minutes all day would otherwise repeat it.
                if (slot.Failures++ == 0) _context.Host.WriteError(WriteFailure(slot, action, outcome));
            }
            batch.Save(slot);
            if (slot.Dirty)
            {
                slot.Dirty = false;
                _timers.Schedule(slot, confirmedUtc);
            }
            else
            {
                ScheduleNext(slot, confirmedUtc);
            }
        }

        private EngineError WriteFailure(AgentSlot slot, SyncAction action, TeamsWriteOutcome outcome)
        {
            var kind = outcome.Status switch
            {
                0 => ErrorKind.ConnectionError,
                401 => ErrorKind.AuthenticationError,
                403 => ErrorKind.PermissionDenied,
                429 => ErrorKind.LimitsExceeded,
                _ => ErrorKind.WriteError,
            };
            return new EngineError(ErrorIds.TeamsWriteFailed, kind,
                $"The Teams presence of agent '{slot.AgentId}' (business unit '{_unit.Name}') could not be set to {action.State?.ToString() ?? "cleared"}: {outcome}. It is retried; the other agents go on.",
                slot.AgentId, "Get-PresenceSyncHistory -AgentId '" + slot.AgentId + "' shows each attempt; Test-PresenceSyncApp checks the app's permissions.");
        }

        /// <summary>
        /// The agent's ACD state changed from <paramref name="before"/>: if its row towards Teams asks for a
        /// minimum duration that it did not reach, it was never written, and the history says so.
        /// </summary>
        public void EndedEarly(AgentSlot slot, AgentSyncState before, DateTime endedUtc, StoreBatch batch)
        {
            if (before.AcdByEngine || before.RuleState == null || !(before.AcdStateUtc is DateTime since)) return;
            if (string.Equals(before.RuleState, slot.State.RuleState, StringComparison.OrdinalIgnoreCase)) return;
            var row = slot.Rule.Rows.FirstOrDefault(r => r.WritesTeams && string.Equals(r.AcdState, before.RuleState, StringComparison.OrdinalIgnoreCase));
            if (!(row?.MinimumDuration is TimeSpan minimum)) return;
            var lasted = endedUtc - since;
            if (lasted >= minimum) return;
            var seconds = Math.Max(0, lasted.TotalSeconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            var action = new SyncAction(SyncActionKind.WaitForMinimumDuration,
                $"ACD state '{before.RuleState}' lasted {seconds}s, less than the row's {RowDuration.Format(minimum)}: Teams was not written", row);
            batch.History(Entry(slot, "ToTeams", before.AcdEventId, action, (slot.Observed?.State ?? before.TeamsState)?.ToString(), row.Teams,
                null, "SkippedShort", null, null));
        }

        /// <summary>Drops the slot's job if it has not been taken for sending, as if it had never been decided.</summary>
        public bool TryDrop(AgentSlot slot)
        {
            var job = slot.Job;
            if (job == null) return true;
            if (!_schedulerFor(slot).TryCancel(job)) return false;
            if (job.Step == 0) slot.State.PendingWrite = job.PendingBefore;
            slot.Job = null;
            OpenJobs--;
            return true;
        }

        /// <summary>Puts the slot back in the timer queue for its next refresh, expiry, or retry.</summary>
        public void ScheduleNext(AgentSlot slot, DateTime now)
        {
            var next = SessionBook.NextRefresh(slot.State, _timings);
            if (slot.State.PendingWrite != null)
            {
                var retry = now + TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(slot.Failures, 10)));
                if (next == null || retry < next) next = retry;
            }
            if (next is DateTime due) _timers.Schedule(slot, due > now ? due : now + TimeSpan.FromSeconds(1));
        }

        private void AcdChange(AgentSlot slot, SyncAction action, DateTime now, StoreBatch batch)
        {
            _counters.AcdChange();
            // The Teams observation is recorded as the change's source event; its id is known once stored.
            long eventId = 0;
            batch.Do((c, tx) => eventId = SyncEventRepository.Insert(c, tx, _unit, Store.Db.Timestamp(now), "Teams", slot.AgentId,
                action.State!.ToString(), null, CallType.None, null, "Accepted", null, null));
            var rule = slot.Rule.Name;
            batch.AfterCommit(() =>
            {
                var change = new PresenceAcdChange(_unit.Name, slot.AgentId, action.ToAcdState!, action.FromAcdState, action.State!.Availability,
                    action.State.Activity, rule, action.Row!.Position, now, eventId);
                _sinks.Deliver(_unit, change, Entry(slot, "ToAcd", eventId, action, action.FromAcdState, action.ToAcdState, null, "OK", null, null));
            });
        }

        private SyncHistoryEntry Entry(AgentSlot slot, string direction, long? eventId, SyncAction action, string? before, string? after,
            string? operation, string result, int? latency, string? app) => new SyncHistoryEntry
        {
            TimeUtc = _context.Clock.UtcNow,
            AgentId = slot.AgentId,
            Direction = direction,
            EventId = eventId,
            Rule = slot.Rule.Name,
            RowPosition = action.Row?.Position,
            Before = before,
            After = after,
            Operation = operation,
            Result = result,
            LatencyMs = latency,
            Detail = action.Reason,
            App = app,
        };
    }
}
