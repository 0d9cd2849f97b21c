using System;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// What the engine holds in Teams after a write Graph confirmed. Times are those of the
    /// confirmation: a Teams read that started later must already show the write, one that started
    /// earlier may not (which keeps a read in flight from passing for a status set by hand).
    /// </summary>
    internal static class SessionBook
    {
        public static void Confirmed(AgentSyncState s, SyncAction action, DateTime confirmedUtc)
        {
            switch (action.Kind)
            {
                case SyncActionKind.SetSession:
                    s.SessionState = action.State;
                    s.SessionWrittenUtc = confirmedUtc;
                    s.SessionExpiresUtc = confirmedUtc + action.Expiry!.Value;
                    break;
                case SyncActionKind.ClearSession:
                    s.SessionState = null;
                    s.SessionWrittenUtc = null;
                    s.SessionExpiresUtc = null;
                    s.ClearedUtc = confirmedUtc;
                    break;
                case SyncActionKind.SetPreferred:
                    s.PreferredState = action.State;
                    s.PreferredExpiresUtc = action.Expiry is TimeSpan e ? confirmedUtc + e : (DateTime?)null;
                    break;
                case SyncActionKind.SetStatusMessage:
                    s.StatusMessage = action.Message;
                    break;
                case SyncActionKind.ClearStatusMessage:
                    s.StatusMessage = null;
                    s.TeamsStatusMessage = null;
                    break;
                case SyncActionKind.ClearPreferred:
                    s.PreferredState = null;
                    s.PreferredExpiresUtc = null;
                    s.ClearedUtc = confirmedUtc;
                    break;
            }
        }

        /// <summary>The write announced in the store before it is sent (crash safety).</summary>
        public static string Announcement(SyncAction action) => $"{Ports.TeamsWrite.OperationOf(WriteJob.Kind(action.Kind))} {action.State}";

        /// <summary>When the decider will next want to write for this state: a refresh, a reassert, or an expiry.</summary>
        public static DateTime? NextRefresh(AgentSyncState s, SyncTimings t)
        {
            DateTime? next = null;
            void At(DateTime time) { if (next == null || time < next) next = time; }
            // A second past each threshold, so the decider's comparisons have certainly turned.
            var slack = TimeSpan.FromSeconds(1);
            if (s.SessionState != null)
            {
                if (s.SessionExpiresUtc is DateTime expires) At(expires - t.RefreshMargin + slack);
                if (s.SessionWrittenUtc is DateTime written)
                {
                    At(written + t.ReassertInterval + slack);
                    if (string.Equals(s.SessionState.Availability, "Available", StringComparison.OrdinalIgnoreCase)) At(written + t.AvailableRefresh + slack);
                }
            }
            if (s.PreferredExpiresUtc is DateTime preferred)
            {
                At(preferred - t.RefreshMargin + slack);
                At(preferred + slack);
            }
            return next;
        }

        /// <summary>How urgent a write is when the budget is short.</summary>
        public static WritePriority PriorityOf(System.Collections.Generic.IReadOnlyList<SyncAction> writes, AgentSyncState before, DateTime now, SyncTimings t)
        {
            if (writes.Count != 1 || before.PendingWrite != null) return WritePriority.Change;
            var write = writes[0];
            if (write.Kind == SyncActionKind.SetSession && Equals(before.SessionState, write.State))
            {
                var expiring = before.SessionExpiresUtc is DateTime e && e - now < t.RefreshMargin;
                var fading = string.Equals(write.State!.Availability, "Available", StringComparison.OrdinalIgnoreCase)
                    && before.SessionWrittenUtc is DateTime w && now - w >= t.AvailableRefresh;
                return expiring || fading ? WritePriority.Refresh : WritePriority.Cosmetic;
            }
            if (write.Kind == SyncActionKind.SetPreferred && Equals(before.PreferredState, write.State)) return WritePriority.Refresh;
            return WritePriority.Change;
        }
    }
}
