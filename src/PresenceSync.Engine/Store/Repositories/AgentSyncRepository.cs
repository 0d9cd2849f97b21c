using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class AgentSyncRepository
    {
        private const string Columns = @"agent_id, acd_state, rule_state, acd_event_id, acd_state_utc, acd_by_engine, teams_user_id,
            session_state, session_written_utc, session_expires_utc, preferred_state, preferred_expires_utc, pending_write,
            cleared_utc, teams_state, teams_sequence, teams_seen_utc, manual_hold";

        public static Dictionary<string, AgentSyncState> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var map = new Dictionary<string, AgentSyncState>(KeyComparer.Instance);
            foreach (var s in Db.Query(c, tx, $"SELECT {Columns} FROM agent_sync WHERE unit_id = $u", Map, ("$u", unit.Id))) map[s.AgentId] = s;
            return map;
        }

        /// <summary>Writes announced and not confirmed: a host that died may have left some on their way.</summary>
        public static long PendingCount(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Convert.ToInt64(Db.Scalar(c, tx, "SELECT COUNT(*) FROM agent_sync WHERE unit_id = $u AND pending_write IS NOT NULL", ("$u", unit.Id)) ?? 0L);

        public static AgentSyncState? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId)
        {
            var found = Db.Query(c, tx, $"SELECT {Columns} FROM agent_sync WHERE unit_id = $u AND agent_id = $a", Map, ("$u", unit.Id), ("$a", agentId));
            return found.Count == 0 ? null : found[0];
        }

        /// <summary>
        /// Saves what the intake owns: the ACD side. The engine's columns (sessions, Teams state)
        /// are left as they are, so an event arriving mid-pass never wipes a session just written.
        /// One statement: on PostgreSQL each statement is a round trip under the store's write lock.
        /// </summary>
        public static void SaveAcdSide(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AgentSyncState s) =>
            Db.Execute(c, tx, $@"{Insert}
ON CONFLICT (unit_id, agent_id) DO UPDATE SET acd_state = excluded.acd_state, rule_state = excluded.rule_state,
    acd_event_id = excluded.acd_event_id, acd_state_utc = excluded.acd_state_utc, acd_by_engine = excluded.acd_by_engine", Args(unit, s));

        /// <summary>
        /// Saves what a pass owns, for many agents in one statement (a reconcile that saw hundreds
        /// change is then not a round trip per agent while PostgreSQL's write lock is held). The
        /// ACD side a pass may have changed (a change decided from Teams) is written only if no ACD
        /// event arrived since the pass read the row: the stored event and time must still be the
        /// ones the agent's state in memory holds, or the newer event wins.
        /// </summary>
        public static void SaveEngineSides(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, IEnumerable<AgentSyncState> states) =>
            Db.InsertRows(c, tx, "INSERT INTO agent_sync (unit_id, " + Columns + ")", Values, EngineSideTail,
                states.Select(s => Args(unit, s)).ToList());

        // acd_event_id and acd_state_utc are never set: equal to the stored ones, or the stored ones win.
        private const string AcdUnchanged = "agent_sync.acd_event_id IS NOT DISTINCT FROM excluded.acd_event_id AND agent_sync.acd_state_utc IS NOT DISTINCT FROM excluded.acd_state_utc";

        private const string EngineSideTail = @"ON CONFLICT (unit_id, agent_id) DO UPDATE SET
    acd_state = CASE WHEN " + AcdUnchanged + @" THEN excluded.acd_state ELSE agent_sync.acd_state END,
    rule_state = CASE WHEN " + AcdUnchanged + @" THEN excluded.rule_state ELSE agent_sync.rule_state END,
    acd_by_engine = CASE WHEN " + AcdUnchanged + @" THEN excluded.acd_by_engine ELSE agent_sync.acd_by_engine END,
    teams_user_id = excluded.teams_user_id, session_state = excluded.session_state, session_written_utc = excluded.session_written_utc,
    session_expires_utc = excluded.session_expires_utc, preferred_state = excluded.preferred_state,
    preferred_expires_utc = excluded.preferred_expires_utc, pending_write = excluded.pending_write, cleared_utc = excluded.cleared_utc,
    teams_state = excluded.teams_state, teams_sequence = excluded.teams_sequence, teams_seen_utc = excluded.teams_seen_utc,
    manual_hold = excluded.manual_hold";

        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AgentSyncState s) =>
            Db.Execute(c, tx, $@"{Insert}
ON CONFLICT (unit_id, agent_id) DO UPDATE SET acd_state = $acd, rule_state = $rule, acd_event_id = $ev, acd_state_utc = $acdT,
    acd_by_engine = $byE, teams_user_id = $tu, session_state = $ss, session_written_utc = $sw, session_expires_utc = $se,
    preferred_state = $ps, preferred_expires_utc = $pe, pending_write = $pw, cleared_utc = $cl, teams_state = $ts,
    teams_sequence = $tq, teams_seen_utc = $tt, manual_hold = $mh", Args(unit, s));

        private const string Values = "$u, $a, $acd, $rule, $ev, $acdT, $byE, $tu, $ss, $sw, $se, $ps, $pe, $pw, $cl, $ts, $tq, $tt, $mh";

        private const string Insert = "INSERT INTO agent_sync (unit_id, " + Columns + ") VALUES (" + Values + ")";

        private static (string, object?)[] Args(PresenceBusinessUnit unit, AgentSyncState s) => new (string, object?)[]
        {
            ("$u", unit.Id), ("$a", s.AgentId), ("$acd", s.AcdState), ("$rule", s.RuleState), ("$ev", s.AcdEventId),
            ("$acdT", Time(s.AcdStateUtc)), ("$byE", s.AcdByEngine ? 1 : 0), ("$tu", s.TeamsUserId?.ToString()),
            ("$ss", s.SessionState?.ToString()), ("$sw", Time(s.SessionWrittenUtc)), ("$se", Time(s.SessionExpiresUtc)),
            ("$ps", s.PreferredState?.ToString()), ("$pe", Time(s.PreferredExpiresUtc)), ("$pw", s.PendingWrite),
            ("$cl", Time(s.ClearedUtc)), ("$ts", s.TeamsState?.ToString()), ("$tq", s.TeamsSequence), ("$tt", Time(s.TeamsSeenUtc)),
            ("$mh", s.ManualHold ? 1 : 0),
        };

        private static string? Time(DateTime? t) => t is DateTime v ? Db.Timestamp(v) : null;

        private static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? (DateTime?)null : Db.ParseTimestamp(r.GetString(i));

        private static AgentSyncState Map(DbDataReader r) => new AgentSyncState
        {
            AgentId = r.GetString(0),
            AcdState = Db.NullableString(r, 1),
            RuleState = Db.NullableString(r, 2),
            AcdEventId = r.IsDBNull(3) ? (long?)null : r.GetInt64(3),
            AcdStateUtc = Time(r, 4),
            AcdByEngine = r.GetInt64(5) != 0,
            TeamsUserId = r.IsDBNull(6) ? (Guid?)null : Guid.Parse(r.GetString(6)),
            SessionState = PresenceState.TryParse(Db.NullableString(r, 7)),
            SessionWrittenUtc = Time(r, 8),
            SessionExpiresUtc = Time(r, 9),
            PreferredState = PresenceState.TryParse(Db.NullableString(r, 10)),
            PreferredExpiresUtc = Time(r, 11),
            PendingWrite = Db.NullableString(r, 12),
            ClearedUtc = Time(r, 13),
            TeamsState = PresenceState.TryParse(Db.NullableString(r, 14)),
            TeamsSequence = Db.NullableString(r, 15),
            TeamsSeenUtc = Time(r, 16),
            ManualHold = r.GetInt64(17) != 0,
        };
    }
}
