using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class SyncEventRepository
    {
        public static long Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string now, string source, string? agentId,
            string? state, string? reason, CallType callType, string? eventUtc, string status, string? errorId, string? detail, string? recorder = null)
        {
            // RETURNING (SQLite 3.35+) keeps it one round trip under PostgreSQL's write lock.
            return System.Convert.ToInt64(Db.Scalar(c, tx, @"INSERT INTO sync_event (unit_id, received_utc, source, agent_id, state, reason, call_type, event_utc, status, error_id, detail, recorder)
                VALUES ($u, $t, $s, $a, $st, $r, $c, $e, $status, $err, $d, $rec) RETURNING id",
                ("$u", unit.Id), ("$t", now), ("$s", source), ("$a", agentId), ("$st", state), ("$r", reason), ("$c", callType.ToString()),
                ("$e", eventUtc), ("$status", status), ("$err", errorId), ("$d", detail), ("$rec", recorder)), System.Globalization.CultureInfo.InvariantCulture);
        }

        public static string? ReasonOf(DbConnection c, DbTransaction? tx, long id) =>
            Db.Scalar(c, tx, "SELECT reason FROM sync_event WHERE id = $id", ("$id", id)) as string;

        /// <summary>The reason code of each agent's current ACD event, for agents whose event has one.</summary>
        public static System.Collections.Generic.Dictionary<string, string> CurrentReasons(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"SELECT a.agent_id, e.reason FROM agent_sync a JOIN sync_event e ON e.id = a.acd_event_id
                WHERE a.unit_id = $u AND e.reason IS NOT NULL", r => (Agent: r.GetString(0), Reason: r.GetString(1)), ("$u", unit.Id))
                .GroupBy(x => x.Agent, KeyComparer.Instance).ToDictionary(g => g.Key, g => g.First().Reason, KeyComparer.Instance);

        public static string? Source(DbConnection c, DbTransaction? tx, long id) =>
            Db.Scalar(c, tx, "SELECT source FROM sync_event WHERE id = $id", ("$id", id)) as string;
    }
}
