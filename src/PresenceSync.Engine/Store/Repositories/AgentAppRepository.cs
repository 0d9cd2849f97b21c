using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    /// <summary>Which of its unit's apps each agent writes through (agent_app).</summary>
    internal static class AgentAppRepository
    {
        /// <summary>agent id to app id (sync_app.id) for the unit.</summary>
        public static Dictionary<string, long> ForUnit(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var map = new Dictionary<string, long>(KeyComparer.Instance);
            foreach (var (agent, app) in Db.Query(c, tx, "SELECT agent_id, app_id FROM agent_app WHERE unit_id = $u",
                         r => (r.GetString(0), r.GetInt64(1)), ("$u", unit.Id)))
                map[agent] = app;
            return map;
        }

        public static long? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId) =>
            Db.Scalar(c, tx, "SELECT app_id FROM agent_app WHERE unit_id = $u AND agent_id = $a", ("$u", unit.Id), ("$a", agentId)) is object v
                ? Convert.ToInt64(v) : (long?)null;

        public static Dictionary<long, int> Counts(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var map = new Dictionary<long, int>();
            foreach (var (app, n) in Db.Query(c, tx, "SELECT app_id, count(*) FROM agent_app WHERE unit_id = $u GROUP BY app_id",
                         r => (r.GetInt64(0), r.GetInt32(1)), ("$u", unit.Id)))
                map[app] = n;
            return map;
        }

        public static void Assign(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId, long appId, DateTime now) =>
            Db.Execute(c, tx, @"INSERT INTO agent_app (unit_id, agent_id, app_id, assigned_utc) VALUES ($u, $a, $app, $now)
                ON CONFLICT (unit_id, agent_id) DO UPDATE SET app_id = $app, assigned_utc = $now",
                ("$u", unit.Id), ("$a", agentId), ("$app", appId), ("$now", Db.Timestamp(now)));

        /// <summary>
        /// Every agent id the unit knows (agents and agents that left but still have a sync row),
        /// with whether the engine may hold a presence session for it (a session written, or a
        /// session write announced and not confirmed).
        /// </summary>
        public static List<(string AgentId, bool HoldsSession)> Candidates(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"
SELECT min(x.agent_id), max(x.holds) FROM (
    SELECT agent_id, 0 AS holds FROM agent WHERE unit_id = $u
    UNION ALL
    SELECT agent_id, CASE WHEN session_state IS NOT NULL OR pending_write LIKE 'setPresence%' OR pending_write LIKE 'clearPresence%' THEN 1 ELSE 0 END
    FROM agent_sync WHERE unit_id = $u
) x GROUP BY x.agent_id COLLATE NOCASE ORDER BY x.agent_id COLLATE NOCASE", r => (r.GetString(0), r.GetInt64(1) != 0), ("$u", unit.Id));

        /// <summary>Assignments of agents that are gone and hold no session: nothing needs them any more.</summary>
        public static int Prune(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit) =>
            Db.Execute(c, tx, @"
DELETE FROM agent_app WHERE unit_id = $u
  AND NOT EXISTS (SELECT 1 FROM agent a WHERE a.unit_id = agent_app.unit_id AND a.agent_id = agent_app.agent_id)
  AND NOT EXISTS (SELECT 1 FROM agent_sync s WHERE s.unit_id = agent_app.unit_id AND s.agent_id = agent_app.agent_id
                  AND (s.session_state IS NOT NULL OR s.pending_write LIKE 'setPresence%' OR s.pending_write LIKE 'clearPresence%'))",
                ("$u", unit.Id));

        /// <summary>
        /// The agents whose presence session the app may hold, with their Teams user: assigned to
        /// it, or (for the primary app) unassigned, since an agent without an assignment writes
        /// through the unit's primary app.
        /// </summary>
        public static List<(string AgentId, Guid TeamsUserId)> HoldingSessions(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, long appId, bool primary) =>
            Db.Query(c, tx, @"
SELECT s.agent_id, s.teams_user_id FROM agent_sync s
LEFT JOIN agent_app x ON x.unit_id = s.unit_id AND x.agent_id = s.agent_id
WHERE s.unit_id = $u AND s.teams_user_id IS NOT NULL
  AND (s.session_state IS NOT NULL OR s.pending_write LIKE 'setPresence%' OR s.pending_write LIKE 'clearPresence%')
  AND (x.app_id = $app OR (x.app_id IS NULL AND $primary = 1))
ORDER BY s.agent_id", r => (r.GetString(0), Guid.Parse(r.GetString(1))), ("$u", unit.Id), ("$app", appId), ("$primary", primary ? 1 : 0));

        public static List<string> AgentsOf(DbConnection c, DbTransaction? tx, long appId) =>
            Db.Query(c, tx, "SELECT agent_id FROM agent_app WHERE app_id = $app ORDER BY agent_id", r => r.GetString(0), ("$app", appId));

        /// <summary>Forgets the session the engine held for the agent, once it was cleared in Teams through its app.</summary>
        public static void SessionCleared(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId, DateTime now) =>
            Db.Execute(c, tx, @"UPDATE agent_sync SET session_state = NULL, session_written_utc = NULL, session_expires_utc = NULL, cleared_utc = $now,
                pending_write = CASE WHEN pending_write LIKE 'setPresence%' OR pending_write LIKE 'clearPresence%' THEN NULL ELSE pending_write END
                WHERE unit_id = $u AND agent_id = $a", ("$u", unit.Id), ("$a", agentId), ("$now", Db.Timestamp(now)));
    }
}
