using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class RoutingServiceRepository
    {
        public static List<PresenceRoutingService> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"SELECT s.name, p.name, s.description, s.created_utc, s.updated_utc
FROM routing_service s JOIN routing_policy p ON p.id = s.policy_id WHERE s.unit_id = $u ORDER BY s.name",
                r => new PresenceRoutingService(unit.Name, r.GetString(0), r.GetString(1), Db.NullableString(r, 2),
                    Db.ParseTimestamp(r.GetString(3)), Db.ParseTimestamp(r.GetString(4))), ("$u", unit.Id));

        public static long? FindId(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            Db.Scalar(c, tx, "SELECT id FROM routing_service WHERE unit_id = $u AND name = $n", ("$u", unit.Id), ("$n", name)) as long?;

        public static PresenceRoutingService? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            All(c, tx, unit).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

        public static void Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string name, long policyId, string? description, string now) =>
            Db.Execute(c, tx, @"INSERT INTO routing_service (unit_id, name, policy_id, description, created_utc, updated_utc) VALUES ($u, $n, $p, $d, $t, $t)",
                ("$u", unit.Id), ("$n", name), ("$p", policyId), ("$d", description), ("$t", now));

        public static void Update(DbConnection c, DbTransaction tx, long id, string name, long policyId, string? description, string now) =>
            Db.Execute(c, tx, "UPDATE routing_service SET name = $n, policy_id = $p, description = $d, updated_utc = $t WHERE id = $id",
                ("$id", id), ("$n", name), ("$p", policyId), ("$d", description), ("$t", now));

        public static void Delete(DbConnection c, DbTransaction tx, long id) =>
            Db.Execute(c, tx, "DELETE FROM routing_service WHERE id = $id", ("$id", id));
    }
}
