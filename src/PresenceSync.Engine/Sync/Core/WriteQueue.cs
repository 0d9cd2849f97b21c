using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// The writes waiting for an app's budget, best first: a change of state before a refresh, a
    /// refresh before a cosmetic write. Priority only buys a head start (AgingStep per level), so a
    /// cosmetic write waits at most a bounded time behind newer changes: nothing starves.
    /// </summary>
    internal sealed class WriteQueue
    {
        public static readonly TimeSpan AgingStep = TimeSpan.FromSeconds(10);
        private readonly SortedSet<WriteJob> _jobs = new SortedSet<WriteJob>(Comparer<WriteJob>.Create((a, b) =>
            a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Seq.CompareTo(b.Seq)));
        private long _seq;

        public int Count
        {
            get { lock (_jobs) return _jobs.Count; }
        }

        /// <summary>How long the oldest waiting write has waited.</summary>
        public TimeSpan OldestWait(DateTime now)
        {
            lock (_jobs)
            {
                var oldest = DateTime.MaxValue;
                foreach (var job in _jobs) if (job.QueuedUtc < oldest) oldest = job.QueuedUtc;
                return oldest == DateTime.MaxValue ? TimeSpan.Zero : now - oldest;
            }
        }

        /// <summary>Queues a job; a job coming back for its next step or a retry keeps its place.</summary>
        public void Add(WriteJob job, DateTime now)
        {
            lock (_jobs)
            {
                if (job.Seq == 0)
                {
                    job.Seq = ++_seq;
                    job.QueuedUtc = now;
                    job.Rank = now.Ticks + (long)job.Priority * AgingStep.Ticks;
                }
                job.Queued = true;
                _jobs.Add(job);
            }
        }

        /// <summary>Takes a job that has not been taken for sending yet out of the queue.</summary>
        public bool TryRemove(WriteJob job)
        {
            lock (_jobs)
            {
                if (!job.Queued) return false;
                job.Queued = false;
                return _jobs.Remove(job);
            }
        }

        /// <summary>Takes up to <paramref name="max"/> of the best jobs for sending.</summary>
        public List<WriteJob> Take(int max)
        {
            var taken = new List<WriteJob>();
            lock (_jobs)
            {
                while (taken.Count < max && _jobs.Count > 0)
                {
                    var best = _jobs.Min!;
                    _jobs.Remove(best);
                    best.Queued = false;
                    taken.Add(best);
                }
            }
            return taken;
        }
    }
}
