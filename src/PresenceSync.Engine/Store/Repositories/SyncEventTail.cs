using System.Collections.Generic;
using System.Linq;
using System.Data.Common;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>Reads ACD events recorded after a given one: how a running sync hears of Set-PresenceAgentState in other sessions.</summary>
    internal static class SyncEventTail
    {
        public static long Last(DbConnection c, DbTransaction? tx) =>
            (long)(Db.Scalar(c, tx, "SELECT COALESCE(MAX(id), 0) FROM sync_event") ?? 0L);

        /// <summary>
        /// Recorded (not refused) ACD events after <paramref name="after"/>, oldest first, except those from
        /// <paramref name="skipSources"/> that this run (<paramref name="recorder"/>) or no run recorded.
        /// </summary>
        public static List<(long Id, string Unit, string AgentId)> After(DbConnection c, DbTransaction? tx, long after, IReadOnlyCollection<string> skipSources, string recorder, int max)
        {
            var skip = skipSources.Count == 0 ? "" : " AND (e.source NOT IN (" + string.Join(", ", skipSources.Select((_, i) => "$s" + i)) + ") OR COALESCE(e.recorder, $me) <> $me)";
            var args = new List<(string, object?)> { ("$m", after), ("$n", max), ("$me", recorder) };
            args.AddRange(skipSources.Select((s, i) => ("$s" + i, (object?)s)));
            return Db.Query(c, tx, $@"SELECT e.id, u.name, e.agent_id FROM sync_event e JOIN business_unit u ON u.id = e.unit_id
                WHERE e.id > $m AND e.agent_id IS NOT NULL AND e.status <> 'Refused'{skip} ORDER BY e.id LIMIT $n",
                r => (r.GetInt64(0), r.GetString(1), r.GetString(2)), args.ToArray());
        }
    }
}
