using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class SyncStatusRepository
    {
        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, PresenceSyncStatus s)
        {
            Db.Execute(c, tx, @"
INSERT INTO sync_status (unit_id, last_pass_utc, pass_ms, agents, in_sync, manual_hold, pending, teams_writes, acd_changes, graph_requests, throttled,
    budget_used, budget, errors, last_error, started_utc, teams_stale_since_utc, teams_error, acd_events, failed_writes)
VALUES ($u, $t, $ms, $a, $in, $mh, $p, $tw, $ac, $gr, $th, $bu, $b, $e, $le, $st, $ts, $te, $ae, $fw)
ON CONFLICT (unit_id) DO UPDATE SET last_pass_utc = $t, pass_ms = $ms, agents = $a, in_sync = $in, manual_hold = $mh, pending = $p,
    teams_writes = $tw, acd_changes = $ac, graph_requests = $gr, throttled = $th, budget_used = $bu, budget = $b, errors = $e, last_error = $le,
    started_utc = $st, teams_stale_since_utc = $ts, teams_error = $te, acd_events = $ae, failed_writes = $fw",
                ("$u", unit.Id), ("$t", Time(s.LastPassUtc) ?? ""), ("$ms", s.LastPassMs), ("$a", s.Agents), ("$in", s.InSync),
                ("$mh", s.HeldByManualStatus), ("$p", s.PendingWrites), ("$tw", s.TeamsWrites), ("$ac", s.AcdChanges), ("$gr", s.GraphRequests),
                ("$th", s.Throttled), ("$bu", s.BudgetUsed), ("$b", s.Budget), ("$e", s.Errors), ("$le", s.LastError), ("$st", Time(s.StartedUtc)),
                ("$ts", Time(s.TeamsStaleSinceUtc)), ("$te", s.TeamsError), ("$ae", s.AcdEvents), ("$fw", s.FailedWrites));
            Db.Execute(c, tx, "DELETE FROM sync_app_status WHERE unit_id = $u", ("$u", unit.Id));
            foreach (var a in s.Apps)
            {
                Db.Execute(c, tx, @"INSERT INTO sync_app_status (unit_id, client_id, agents, budget_used, budget, queue_length, oldest_wait_ms, writes, requests, throttled, updated_utc)
                    VALUES ($u, $c, $a, $bu, $b, $q, $w, $wr, $r, $th, $t)",
                    ("$u", unit.Id), ("$c", a.ClientId), ("$a", a.Agents), ("$bu", a.BudgetUsed), ("$b", a.Budget), ("$q", a.QueueLength),
                    ("$w", (long)a.OldestQueuedWrite.TotalMilliseconds), ("$wr", a.Writes), ("$r", a.GraphRequests), ("$th", a.Throttled), ("$t", Db.Timestamp(a.UpdatedUtc)));
            }
        }

        public static PresenceSyncStatus? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var found = Db.Query(c, tx, @"SELECT last_pass_utc, pass_ms, agents, in_sync, manual_hold, pending, teams_writes, acd_changes,
                graph_requests, throttled, budget_used, budget, errors, last_error, started_utc, teams_stale_since_utc, teams_error, acd_events, failed_writes
                FROM sync_status WHERE unit_id = $u", r => new PresenceSyncStatus
            {
                BusinessUnit = unit.Name,
                LastPassUtc = Time(r, 0),
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
                StartedUtc = Time(r, 14),
                TeamsStaleSinceUtc = Time(r, 15),
                TeamsError = Db.NullableString(r, 16),
                AcdEvents = r.GetInt32(17),
                FailedWrites = r.GetInt32(18),
            }, ("$u", unit.Id));
            if (found.Count == 0) return null;
            found[0].Apps = Db.Query(c, tx, @"SELECT client_id, agents, budget_used, budget, queue_length, oldest_wait_ms, writes, requests, throttled, updated_utc
                FROM sync_app_status WHERE unit_id = $u ORDER BY client_id", r => new PresenceSyncAppStatus
            {
                BusinessUnit = unit.Name,
                ClientId = r.GetString(0),
                Agents = r.GetInt32(1),
                BudgetUsed = r.GetInt32(2),
                Budget = r.GetInt32(3),
                QueueLength = r.GetInt32(4),
                OldestQueuedWrite = TimeSpan.FromMilliseconds(r.GetInt64(5)),
                Writes = r.GetInt64(6),
                GraphRequests = r.GetInt64(7),
                Throttled = r.GetInt64(8),
                UpdatedUtc = Db.ParseTimestamp(r.GetString(9)),
            }, ("$u", unit.Id));
            return found[0];
        }

        public static void SaveSource(DbConnection c, DbTransaction tx, SourceHealth h) =>
            Db.Execute(c, tx, @"INSERT INTO sync_source_status (source, item, healthy, error_id, detail, time_utc) VALUES ($s, $i, $h, $e, $d, $t)
                ON CONFLICT (source, item) DO UPDATE SET healthy = $h, error_id = $e, detail = $d, time_utc = $t",
                ("$s", h.Source), ("$i", h.Item ?? ""), ("$h", h.Healthy ? 1 : 0), ("$e", h.ErrorId), ("$d", h.Detail), ("$t", Db.Timestamp(h.TimeUtc)));

        public static void ClearSources(DbConnection c, DbTransaction tx) => Db.Execute(c, tx, "DELETE FROM sync_source_status");

        public static List<SourceHealth> Sources(DbConnection c, DbTransaction? tx) =>
            Db.Query(c, tx, "SELECT source, item, healthy, error_id, detail, time_utc FROM sync_source_status ORDER BY source, item", r =>
                new SourceHealth(r.GetString(0), r.GetString(1).Length == 0 ? null : r.GetString(1), r.GetInt64(2) != 0,
                    Db.NullableString(r, 3), Db.NullableString(r, 4), Db.ParseTimestamp(r.GetString(5))));

        private static string? Time(DateTime? t) => t is DateTime v ? Db.Timestamp(v) : null;

        private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) || r.GetString(i).Length == 0 ? (DateTime?)null : Db.ParseTimestamp(r.GetString(i));
    }
}
