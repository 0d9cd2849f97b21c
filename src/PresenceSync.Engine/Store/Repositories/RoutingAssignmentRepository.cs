using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class RoutingAssignmentRepository
    {
        public static List<PresenceRoutingAssignment> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"
SELECT s.name, a.scope, a.subject, p.name, a.priority, a.created_utc
FROM routing_assignment a JOIN routing_service s ON s.id = a.service_id LEFT JOIN routing_policy p ON p.id = a.policy_id
WHERE s.unit_id = $u ORDER BY s.name, a.scope, a.priority, a.subject",
                r => new PresenceRoutingAssignment(unit.Name, r.GetString(0), r.GetString(1), r.GetString(2), Db.NullableString(r, 3),
                    r.GetInt32(4), Db.ParseTimestamp(r.GetString(5))), ("$u", unit.Id));

        public static bool Exists(DbConnection c, DbTransaction? tx, long serviceId, string scope, string subject) =>
            Db.Scalar(c, tx, "SELECT 1 FROM routing_assignment WHERE service_id = $s AND scope = $k AND subject = $x",
                ("$s", serviceId), ("$k", scope), ("$x", subject)) != null;

        public static void Upsert(DbConnection c, DbTransaction tx, long serviceId, string scope, string subject, long? policyId, int priority, string now) =>
            Db.Execute(c, tx, @"INSERT INTO routing_assignment (service_id, scope, subject, policy_id, priority, created_utc) VALUES ($s, $k, $x, $p, $pr, $t)
                ON CONFLICT (service_id, scope, subject) DO UPDATE SET policy_id = $p, priority = $pr",
                ("$s", serviceId), ("$k", scope), ("$x", subject), ("$p", policyId), ("$pr", priority), ("$t", now));

        public static int Delete(DbConnection c, DbTransaction tx, long serviceId, string scope, string subject) =>
            Db.Execute(c, tx, "DELETE FROM routing_assignment WHERE service_id = $s AND scope = $k AND subject = $x",
                ("$s", serviceId), ("$k", scope), ("$x", subject));

        public static int CountForService(DbConnection c, DbTransaction? tx, long serviceId) =>
            Convert.ToInt32(Db.Scalar(c, tx, "SELECT COUNT(*) FROM routing_assignment WHERE service_id = $s", ("$s", serviceId)));
    }
}
