using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class BusinessUnitRepository
    {
        private const string SelectSql = @"
SELECT u.id, u.name, u.description, u.created_utc,
       (SELECT COUNT(*) FROM agent a WHERE a.unit_id = u.id),
       (SELECT COUNT(*) FROM teams_user t WHERE t.unit_id = u.id AND t.deleted = 0),
       (SELECT COUNT(*) FROM rule r WHERE r.unit_id = u.id)
FROM business_unit u";

        public static List<PresenceBusinessUnit> All(DbConnection c, DbTransaction? tx) =>
            Db.Query(c, tx, SelectSql + " ORDER BY u.id", Map);

        public static PresenceBusinessUnit? Find(DbConnection c, DbTransaction? tx, string name)
        {
            var found = Db.Query(c, tx, SelectSql + " WHERE u.name_key = $key", Map, ("$key", KeyText.Fold(name)));
            return found.Count == 0 ? null : found[0];
        }

        /// <summary>The unit named, or a BusinessUnitNotFound error that names the ones that exist.</summary>
        public static PresenceBusinessUnit Require(DbConnection c, DbTransaction? tx, string? name)
        {
            var wanted = string.IsNullOrWhiteSpace(name) ? PresenceBusinessUnit.DefaultName : name!;
            var unit = Find(c, tx, wanted);
            if (unit != null) return unit;
            throw new PresenceSyncException(new EngineError(ErrorIds.BusinessUnitNotFound, ErrorKind.ObjectNotFound,
                $"There is no business unit named '{wanted}'.", wanted,
                "List the units with Get-PresenceBusinessUnit, or create it with New-PresenceBusinessUnit."));
        }

        public static long Insert(DbConnection c, DbTransaction tx, string name, string? description, string createdUtc)
        {
            Db.Execute(c, tx, "INSERT INTO business_unit (name, name_key, description, created_utc) VALUES ($n, $k, $d, $t)",
                ("$n", name), ("$k", KeyText.Fold(name)), ("$d", description), ("$t", createdUtc));
            return (long)Db.Scalar(c, tx, "SELECT last_insert_rowid()")!;
        }

        public static void Delete(DbConnection c, DbTransaction tx, long id)
        {
            // Assignments reference rules without cascade, so they go first.
            Db.Execute(c, tx, "DELETE FROM rule_assignment WHERE unit_id = $u", ("$u", id));
            Db.Execute(c, tx, "DELETE FROM user_mapping WHERE unit_id = $u", ("$u", id));
            Db.Execute(c, tx, "DELETE FROM business_unit WHERE id = $u", ("$u", id));
        }

        private static PresenceBusinessUnit Map(DbDataReader r) => new PresenceBusinessUnit(
            r.GetInt64(0), r.GetString(1), Db.NullableString(r, 2), Db.ParseTimestamp(r.GetString(3)),
            r.GetInt32(4), r.GetInt32(5), r.GetInt32(6));
    }
}
