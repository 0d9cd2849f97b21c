using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// What one turn of a unit's engine loop writes to the store: agent states, history and events,
    /// in one transaction, and what may only happen once that transaction is stored (a write is
    /// announced in the store before it is sent). Grouping a turn's work keeps a burst of events
    /// from costing one transaction each.
    /// </summary>
    internal sealed class StoreBatch
    {
        private readonly PresenceBusinessUnit _unit;
        private readonly Dictionary<AgentSlot, bool> _saves = new Dictionary<AgentSlot, bool>();
        private readonly List<Action<DbConnection, DbTransaction>> _work = new List<Action<DbConnection, DbTransaction>>();
        private readonly List<Action> _afterCommit = new List<Action>();
        private readonly List<(WriteJob Job, WriteScheduler Scheduler)> _jobs = new List<(WriteJob, WriteScheduler)>();

        public StoreBatch(PresenceBusinessUnit unit) => _unit = unit;

        public bool IsEmpty => _saves.Count == 0 && _work.Count == 0 && _afterCommit.Count == 0 && _jobs.Count == 0;

        public void Save(AgentSlot slot) => _saves[slot] = true;

        public void History(SyncHistoryEntry entry) => _work.Add((c, tx) => HistoryRepository.Insert(c, tx, _unit, entry));

        public void Do(Action<DbConnection, DbTransaction> work) => _work.Add(work);

        public void AfterCommit(Action action) => _afterCommit.Add(action);

        /// <summary>Queues the job once its announcement is stored.</summary>
        public void Enqueue(WriteJob job, WriteScheduler scheduler) => _jobs.Add((job, scheduler));

        /// <summary>
        /// Stores everything in one transaction, then runs what waited for it. Throws when the store
        /// refuses; the work may then be committed again (each piece is written to be repeatable).
        /// </summary>
        public void Commit(PresenceStore store)
        {
            if (_saves.Count > 0 || _work.Count > 0)
            {
                store.Write((c, tx) =>
                {
                    // The slot's ACD side is the one the engine knows: an event another process recorded
                    // since then is newer and is kept (it reaches the engine through the store intake).
                    AgentSyncRepository.SaveEngineSides(c, tx, _unit, _saves.Keys.Select(slot => slot.State));
                    foreach (var work in _work) work(c, tx);
                    return true;
                });
            }
            foreach (var (job, scheduler) in _jobs) scheduler.Enqueue(job);
            foreach (var action in _afterCommit) action();
        }
    }
}
