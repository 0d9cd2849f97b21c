using System;

namespace PresenceSync.Engine.Sync
{
    /// <summary>One app of a unit in a running sync: its Graph budget, its write queue, its throttling.</summary>
    public sealed class PresenceSyncAppStatus
    {
        public string BusinessUnit { get; internal set; } = string.Empty;
        public string ClientId { get; internal set; } = string.Empty;

        /// <summary>Agents whose writes (and presence sessions) go through this app.</summary>
        public int Agents { get; internal set; }

        /// <summary>Presence requests spent in the current 30-second window, of the budget.</summary>
        public int BudgetUsed { get; internal set; }
        public int Budget { get; internal set; }

        /// <summary>Writes waiting for the budget, and how long the oldest has waited.</summary>
        public int QueueLength { get; internal set; }
        public TimeSpan OldestQueuedWrite { get; internal set; }
        public long Writes { get; internal set; }
        public long GraphRequests { get; internal set; }

        /// <summary>429 answers received (each waited out and retried).</summary>
        public long Throttled { get; internal set; }
        public DateTime UpdatedUtc { get; internal set; }

        public override string ToString() => $"{ClientId}: {BudgetUsed}/{Budget}, {QueueLength} queued";
    }
}
