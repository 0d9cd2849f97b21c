using System;
using System.Collections.Generic;
using System.Text;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class HistoryRepository
    {
        public static void Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, SyncHistoryEntry e) =>
            Db.Execute(c, tx, @"INSERT INTO sync_history (unit_id, time_utc, agent_id, direction, event_id, rule, row_position, before, after, operation, result, latency_ms, detail, app)
                VALUES ($u, $t, $a, $d, $e, $r, $p, $b, $af, $o, $res, $l, $det, $app)",
                ("$u", unit.Id), ("$t", Db.Timestamp(e.TimeUtc)), ("$a", e.AgentId), ("$d", e.Direction), ("$e", e.EventId), ("$r", e.Rule),
                ("$p", e.RowPosition), ("$b", e.Before), ("$af", e.After), ("$o", e.Operation), ("$res", e.Result), ("$l", e.LatencyMs), ("$det", e.Detail), ("$app", e.App));

        public static List<SyncHistoryEntry> Query(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string? agentId,
            string? direction, DateTime? since, int? last)
        {
            var sql = new StringBuilder(@"SELECT h.id, h.time_utc, h.agent_id, h.direction, h.event_id, e.source, h.rule, h.row_position, h.before, h.after,
                h.operation, h.result, h.latency_ms, h.detail, h.app, e.event_utc FROM sync_history h LEFT JOIN sync_event e ON e.id = h.event_id WHERE h.unit_id = $u");
            if (agentId != null) sql.Append(" AND h.agent_id = $a COLLATE NOCASE");
            if (direction != null) sql.Append(" AND h.direction = $d");
            if (since != null) sql.Append(" AND h.time_utc >= $s");
            sql.Append(last != null ? " ORDER BY h.id DESC LIMIT $n" : " ORDER BY h.id");
            var rows = Db.Query(c, tx, sql.ToString(), r => new SyncHistoryEntry
            {
                Id = r.GetInt64(0),
                BusinessUnit = unit.Name,
                TimeUtc = Db.ParseTimestamp(r.GetString(1)),
                AgentId = Db.NullableString(r, 2),
                Direction = r.GetString(3),
                EventId = r.IsDBNull(4) ? (long?)null : r.GetInt64(4),
                EventSource = Db.NullableString(r, 5),
                Rule = Db.NullableString(r, 6),
                RowPosition = r.IsDBNull(7) ? (int?)null : r.GetInt32(7),
                Before = Db.NullableString(r, 8),
                After = Db.NullableString(r, 9),
                Operation = Db.NullableString(r, 10),
                Result = Db.NullableString(r, 11),
                LatencyMs = r.IsDBNull(12) ? (int?)null : r.GetInt32(12),
                Detail = Db.NullableString(r, 13),
                App = Db.NullableString(r, 14),
                EventTimeUtc = Db.NullableString(r, 15) is string at ? Db.ParseTimestamp(at) : (DateTime?)null,
            }, ("$u", unit.Id), ("$a", agentId), ("$d", direction), ("$s", since is DateTime t ? Db.Timestamp(t) : null), ("$n", last));
            if (last != null) rows.Reverse();
            return rows;
        }

        /// <summary>Drops history and events older than the retention, keeping the audit trail bounded.</summary>
        public static int Prune(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, DateTime before)
        {
            var cut = Db.Timestamp(before);
            var n = Db.Execute(c, tx, "DELETE FROM sync_history WHERE unit_id = $u AND time_utc < $t", ("$u", unit.Id), ("$t", cut));
            n += Db.Execute(c, tx, @"DELETE FROM sync_event WHERE unit_id = $u AND received_utc < $t
                AND id NOT IN (SELECT acd_event_id FROM agent_sync WHERE unit_id = $u AND acd_event_id IS NOT NULL)", ("$u", unit.Id), ("$t", cut));
            return n;
        }
    }
}
