using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class MappingRepository
    {
        private const string SelectSql = @"
SELECT m.agent_id, a.name, a.email, m.teams_user_id, t.upn, t.display_name, m.source, m.matched_on, m.updated_utc
FROM user_mapping m
JOIN agent a ON a.unit_id = m.unit_id AND a.agent_id = m.agent_id
LEFT JOIN teams_user t ON t.unit_id = m.unit_id AND t.user_id = m.teams_user_id
WHERE m.unit_id = $u";

        public static List<PresenceUserMapping> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, SelectSql + " ORDER BY m.agent_id", r => Map(r, unit.Name), ("$u", unit.Id));

        public static PresenceUserMapping? ForAgent(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId) =>
            Db.Query(c, tx, SelectSql + " AND m.agent_id = $a", r => Map(r, unit.Name), ("$u", unit.Id), ("$a", agentId)).FirstOrDefault();

        public static PresenceUserMapping? ForTeamsUser(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, Guid userId) =>
            Db.Query(c, tx, SelectSql + " AND m.teams_user_id = $id", r => Map(r, unit.Name), ("$u", unit.Id),
                ("$id", TeamsUserRepository.Key(userId))).FirstOrDefault();

        public static void Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId, Guid userId,
            MappingSource source, MatchKind matchedOn, string now) =>
            Db.Execute(c, tx, @"
INSERT INTO user_mapping (unit_id, agent_id, teams_user_id, source, matched_on, created_utc, updated_utc)
VALUES ($u, $a, $id, $s, $m, $t, $t)",
                ("$u", unit.Id), ("$a", agentId), ("$id", TeamsUserRepository.Key(userId)), ("$s", source.ToString()),
                ("$m", matchedOn.ToString()), ("$t", now));

        public static void Update(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId, Guid userId, string now) =>
            Db.Execute(c, tx, @"
UPDATE user_mapping SET teams_user_id = $id, source = 'Manual', matched_on = 'Manual', updated_utc = $t
WHERE unit_id = $u AND agent_id = $a",
                ("$u", unit.Id), ("$a", agentId), ("$id", TeamsUserRepository.Key(userId)), ("$t", now));

        public static int Delete(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId) =>
            Db.Execute(c, tx, "DELETE FROM user_mapping WHERE unit_id = $u AND agent_id = $a", ("$u", unit.Id), ("$a", agentId));

        private static PresenceUserMapping Map(DbDataReader r, string unitName) => new PresenceUserMapping(
            unitName, r.GetString(0), Db.NullableString(r, 1), Db.NullableString(r, 2), Guid.Parse(r.GetString(3)),
            Db.NullableString(r, 4), Db.NullableString(r, 5),
            (MappingSource)Enum.Parse(typeof(MappingSource), r.GetString(6)),
            (MatchKind)Enum.Parse(typeof(MatchKind), r.GetString(7)), Db.ParseTimestamp(r.GetString(8)));
    }
}
