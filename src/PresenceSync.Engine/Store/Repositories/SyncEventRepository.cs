using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class SyncEventRepository
    {
        public static long Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string now, string source, string? agentId,
            string? state, string? reason, CallType callType, string? eventUtc, string status, string? errorId, string? detail)
        {
            Db.Execute(c, tx, @"INSERT INTO sync_event (unit_id, received_utc, source, agent_id, state, reason, call_type, event_utc, status, error_id, detail)
                VALUES ($u, $t, $s, $a, $st, $r, $c, $e, $status, $err, $d)",
                ("$u", unit.Id), ("$t", now), ("$s", source), ("$a", agentId), ("$st", state), ("$r", reason), ("$c", callType.ToString()),
                ("$e", eventUtc), ("$status", status), ("$err", errorId), ("$d", detail));
            return (long)Db.Scalar(c, tx, "SELECT last_insert_rowid()")!;
        }

        public static string? Source(DbConnection c, DbTransaction? tx, long id) =>
            Db.Scalar(c, tx, "SELECT source FROM sync_event WHERE id = $id", ("$id", id)) as string;
    }
}
