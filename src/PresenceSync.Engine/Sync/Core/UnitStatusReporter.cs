using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Keeps the unit's row in Get-PresenceSyncStatus current: every couple of seconds while
    /// something happens, at least every half minute, and at the end of the run. Counting agents is
    /// the only per-agent work here, and it is a walk over memory.
    /// </summary>
    internal sealed class UnitStatusReporter
    {
        private static readonly TimeSpan Often = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan Seldom = TimeSpan.FromSeconds(30);
        private readonly EngineContext _context;
        private readonly PresenceBusinessUnit _unit;
        private readonly UnitApps _apps;
        private readonly UnitCounters _counters;
        private readonly DateTime _started;
        private DateTime _lastSaved = DateTime.MinValue;
        private string _lastShape = string.Empty;

        public UnitStatusReporter(EngineContext context, PresenceBusinessUnit unit, UnitApps apps, UnitCounters counters)
        {
            _context = context;
            _unit = unit;
            _apps = apps;
            _counters = counters;
            _started = context.Clock.UtcNow;
        }

        public TeamsView Teams { get; } = new TeamsView();

        public void Reconciled(DateTime readStartedUtc, TimeSpan took) => Teams.Reconciled(readStartedUtc, took);

        public void ReadFailed(EngineError error, DateTime now)
        {
            // Once per run of failures: a sync polling every few seconds would otherwise repeat it all day.
            if (Teams.Failed(error, now)) _context.Host.WriteError(error);
        }

        public void Tick(IEnumerable<AgentSlot> slots, DateTime now, bool force)
        {
            var shape = $"{_counters.Writes}|{_counters.AcdEvents}|{_counters.AcdChanges}|{_counters.Errors}|{Teams.LastReconcileUtc}|{Teams.StaleSinceUtc}|"
                + string.Join(",", _apps.Writers.Select(w => w.QueueLength));
            var due = now - _lastSaved >= (shape != _lastShape ? Often : Seldom);
            if (!force && !due) return;
            _lastSaved = now;
            _lastShape = shape;
            var status = Snapshot(slots.ToList(), now);
            try
            {
                _context.Store.Write((c, tx) => { SyncStatusRepository.Save(c, tx, _unit, status); return true; });
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // The status is a report, not state: the next tick tries again, and a store that stays broken stops the engine loop itself.
                _context.Host.WriteVerbose($"The status of business unit '{_unit.Name}' could not be saved: {ex.Message}");
            }
        }

        private PresenceSyncStatus Snapshot(List<AgentSlot> slots, DateTime now)
        {
            var first = _apps.Writers[0].Writer;
            return new PresenceSyncStatus
            {
                BusinessUnit = _unit.Name,
                StartedUtc = _started,
                LastPassUtc = Teams.LastReconcileUtc,
                LastPassMs = (int)Teams.LastReconcileTook.TotalMilliseconds,
                TeamsStaleSinceUtc = Teams.StaleSinceUtc,
                TeamsError = Teams.LastError == null ? null : $"{Teams.LastError.ErrorId}: {Teams.LastError.Message}",
                Agents = slots.Count(s => s.Mapped),
                InSync = slots.Count(s => s.Mapped && s.InSync),
                HeldByManualStatus = slots.Count(s => s.State.ManualHold),
                PendingWrites = slots.Count(s => s.State.PendingWrite != null),
                TeamsWrites = _counters.Writes,
                FailedWrites = _counters.FailedWrites,
                AcdEvents = _counters.AcdEvents,
                AcdChanges = _counters.AcdChanges,
                GraphRequests = _apps.Writers.Sum(w => w.Writer.Statistics.Requests),
                Throttled = _apps.Writers.Sum(w => w.Writer.Statistics.Throttled),
                BudgetUsed = first.Budget.Used,
                Budget = first.Budget.Requests,
                Errors = _counters.Errors,
                LastError = _counters.LastError,
                Apps = _apps.Writers.Select(w => new PresenceSyncAppStatus
                {
                    BusinessUnit = _unit.Name,
                    ClientId = w.ClientId,
                    Agents = slots.Count(s => s.AppClientId == w.ClientId),
                    BudgetUsed = w.Writer.Budget.Used,
                    Budget = w.Writer.Budget.Requests,
                    QueueLength = w.QueueLength,
                    OldestQueuedWrite = w.OldestWait,
                    Writes = w.Written,
                    GraphRequests = w.Writer.Statistics.Requests,
                    Throttled = w.Writer.Statistics.Throttled,
                    UpdatedUtc = now,
                }).ToList(),
            };
        }
    }
}
