using System;
using System.Collections.Generic;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class AssignmentRepository
    {
        public static List<PresenceRuleAssignment> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, @"
SELECT r.name, a.scope, a.subject, a.priority, a.created_utc
FROM rule_assignment a JOIN rule r ON r.id = a.rule_id
WHERE a.unit_id = $u ORDER BY a.scope, a.priority, a.subject",
                r => new PresenceRuleAssignment(unit.Name, r.GetString(0),
                    (AssignmentScope)Enum.Parse(typeof(AssignmentScope), r.GetString(1)),
                    r.GetString(2).Length == 0 ? null : r.GetString(2), r.GetInt32(3), Db.ParseTimestamp(r.GetString(4))),
                ("$u", unit.Id));

        public static bool Exists(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, AssignmentScope scope, string subject) =>
            Db.Scalar(c, tx, "SELECT 1 FROM rule_assignment WHERE unit_id = $u AND scope = $s AND subject = $x",
                ("$u", unit.Id), ("$s", scope.ToString()), ("$x", subject)) != null;

        public static void Insert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, long ruleId,
            AssignmentScope scope, string subject, int priority, string now) =>
            Db.Execute(c, tx, @"INSERT INTO rule_assignment (unit_id, rule_id, scope, subject, priority, created_utc)
                VALUES ($u, $r, $s, $x, $p, $t)",
                ("$u", unit.Id), ("$r", ruleId), ("$s", scope.ToString()), ("$x", subject), ("$p", priority), ("$t", now));

        public static void Replace(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, long ruleId,
            AssignmentScope scope, string subject, int priority) =>
            Db.Execute(c, tx, "UPDATE rule_assignment SET rule_id = $r, priority = $p WHERE unit_id = $u AND scope = $s AND subject = $x",
                ("$u", unit.Id), ("$r", ruleId), ("$s", scope.ToString()), ("$x", subject), ("$p", priority));

        public static int Delete(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AssignmentScope scope, string subject) =>
            Db.Execute(c, tx, "DELETE FROM rule_assignment WHERE unit_id = $u AND scope = $s AND subject = $x",
                ("$u", unit.Id), ("$s", scope.ToString()), ("$x", subject));

        public static int CountForRule(DbConnection c, DbTransaction? tx, long ruleId) =>
            Convert.ToInt32(Db.Scalar(c, tx, "SELECT COUNT(*) FROM rule_assignment WHERE rule_id = $r", ("$r", ruleId)));
    }
}
