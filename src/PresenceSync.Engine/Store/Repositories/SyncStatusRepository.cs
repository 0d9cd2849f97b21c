using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class SyncStatusRepository
    {
        public static void Save(SqliteConnection c, SqliteTransaction tx, PresenceBusinessUnit unit, PresenceSyncStatus s) =>
            Db.Execute(c, tx, @"
INSERT INTO sync_status (unit_id, last_pass_utc, pass_ms, agents, in_sync, manual_hold, pending, teams_writes, acd_changes, graph_requests, throttled, budget_used, budget, errors, last_error)
VALUES ($u, $t, $ms, $a, $in, $mh, $p, $tw, $ac, $gr, $th, $bu, $b, $e, $le)
ON CONFLICT (unit_id) DO UPDATE SET last_pass_utc = $t, pass_ms = $ms, agents = $a, in_sync = $in, manual_hold = $mh, pending = $p,
    teams_writes = $tw, acd_changes = $ac, graph_requests = $gr, throttled = $th, budget_used = $bu, budget = $b, errors = $e, last_error = $le",
                ("$u", unit.Id), ("$t", Db.Timestamp(s.LastPassUtc!.Value)), ("$ms", s.LastPassMs), ("$a", s.Agents), ("$in", s.InSync),
                ("$mh", s.HeldByManualStatus), ("$p", s.PendingWrites), ("$tw", s.TeamsWrites), ("$ac", s.AcdChanges), ("$gr", s.GraphRequests),
                ("$th", s.Throttled), ("$bu", s.BudgetUsed), ("$b", s.Budget), ("$e", s.Errors), ("$le", s.LastError));

        public static PresenceSyncStatus? Find(SqliteConnection c, SqliteTransaction? tx, PresenceBusinessUnit unit)
        {
            var found = Db.Query(c, tx, @"SELECT last_pass_utc, pass_ms, agents, in_sync, manual_hold, pending, teams_writes, acd_changes,
                graph_requests, throttled, budget_used, budget, errors, last_error FROM sync_status WHERE unit_id = $u", r => new PresenceSyncStatus
            {
                BusinessUnit = unit.Name,
                LastPassUtc = Db.ParseTimestamp(r.GetString(0)),
                LastPassMs = r.GetInt32(1),
                Agents = r.GetInt32(2),
                InSync = r.GetInt32(3),
                HeldByManualStatus = r.GetInt32(4),
                PendingWrites = r.GetInt32(5),
                TeamsWrites = r.GetInt32(6),
                AcdChanges = r.GetInt32(7),
                GraphRequests = r.GetInt64(8),
                Throttled = r.GetInt64(9),
                BudgetUsed = r.GetInt32(10),
                Budget = r.GetInt32(11),
                Errors = r.GetInt32(12),
                LastError = Db.NullableString(r, 13),
            }, ("$u", unit.Id));
            return found.Count == 0 ? null : found[0];
        }
    }
}
