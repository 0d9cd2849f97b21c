using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class RuleRepository
    {
        private const string SelectSql = @"
SELECT id, name, description, manual_status_policy, manual_override_seconds, internal_calls, created_utc, updated_utc
FROM rule WHERE unit_id = $u";

        public static List<PresenceRule> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var headers = Db.Query(c, tx, SelectSql + " ORDER BY name", r => (Id: r.GetInt64(0), Reader: Header(r)), ("$u", unit.Id));
            var rows = Db.Query(c, tx, @"
SELECT r.rule_id, r.position, r.direction, r.acd_state, r.target_kind, r.availability, r.activity, r.only_when_acd_state,
       r.minimum_duration_seconds, r.status_message, r.status_message_expiry_seconds
FROM rule_row r JOIN rule ON rule.id = r.rule_id WHERE rule.unit_id = $u ORDER BY r.rule_id, r.position",
                r => (RuleId: r.GetInt64(0), Row: MapRow(r)), ("$u", unit.Id));
            var byRule = rows.ToLookup(x => x.RuleId, x => x.Row);
            return headers.Select(h => h.Reader(unit.Name, byRule[h.Id].ToList())).ToList();
        }

        public static PresenceRule? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            All(c, tx, unit).FirstOrDefault(r => KeyComparer.Instance.Equals(r.Name, name));

        public static long? FindId(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            Db.Scalar(c, tx, "SELECT id FROM rule WHERE unit_id = $u AND name_key = $k", ("$u", unit.Id), ("$k", KeyText.Fold(name))) as long?;

        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, long? existingId, PresenceRule rule, string now)
        {
            var args = new (string, object?)[]
            {
                ("$u", unit.Id), ("$n", rule.Name), ("$k", KeyText.Fold(rule.Name)), ("$d", rule.Description), ("$p", rule.ManualStatusPolicy.ToString()),
                ("$o", (long)rule.ManualOverrideDuration.TotalSeconds), ("$i", rule.InternalCalls.ToString()), ("$t", now),
            };
            long id;
            if (existingId is long known)
            {
                id = known;
                Db.Execute(c, tx, @"UPDATE rule SET name = $n, name_key = $k, description = $d, manual_status_policy = $p,
                    manual_override_seconds = $o, internal_calls = $i, updated_utc = $t WHERE id = $id",
                    args.Concat(new (string, object?)[] { ("$id", id) }).ToArray());
                Db.Execute(c, tx, "DELETE FROM rule_row WHERE rule_id = $id", ("$id", id));
            }
            else
            {
                Db.Execute(c, tx, @"INSERT INTO rule (unit_id, name, name_key, description, manual_status_policy, manual_override_seconds,
                    internal_calls, created_utc, updated_utc) VALUES ($u, $n, $k, $d, $p, $o, $i, $t, $t)", args);
                id = (long)Db.Scalar(c, tx, "SELECT last_insert_rowid()")!;
            }
            foreach (var row in rule.Rows) InsertRow(c, tx, id, row);
        }

        public static void Delete(DbConnection c, DbTransaction tx, long ruleId)
        {
            Db.Execute(c, tx, "DELETE FROM rule_assignment WHERE rule_id = $id", ("$id", ruleId));
            Db.Execute(c, tx, "DELETE FROM rule WHERE id = $id", ("$id", ruleId));
        }

        private static void InsertRow(DbConnection c, DbTransaction tx, long ruleId, PresenceRuleRow row)
        {
            string? availability = row.Target?.State?.Availability ?? row.AvailabilityPattern;
            string? activity = row.Target?.State?.Activity ?? row.ActivityPattern;
            Db.Execute(c, tx, @"INSERT INTO rule_row (rule_id, position, direction, acd_state, target_kind, availability, activity, only_when_acd_state,
                minimum_duration_seconds, status_message, status_message_expiry_seconds)
                VALUES ($r, $p, $d, $s, $k, $av, $ac, $g, $min, $msg, $exp)",
                ("$r", ruleId), ("$p", row.Position), ("$d", row.Direction.ToString()), ("$s", row.AcdState),
                ("$k", row.Target?.Kind.ToString()), ("$av", availability), ("$ac", activity), ("$g", Db.JoinList(row.OnlyWhenAcdState)),
                ("$min", row.MinimumDuration is TimeSpan min ? (long)min.TotalSeconds : (object?)null), ("$msg", row.StatusMessage),
                ("$exp", row.StatusMessageExpiry is TimeSpan exp ? (long)exp.TotalSeconds : (object?)null));
        }

        private static Func<string, IReadOnlyList<PresenceRuleRow>, PresenceRule> Header(DbDataReader r)
        {
            var name = r.GetString(1);
            var description = Db.NullableString(r, 2);
            var policy = (ManualStatusPolicy)Enum.Parse(typeof(ManualStatusPolicy), r.GetString(3));
            var overrideDuration = TimeSpan.FromSeconds(r.GetInt64(4));
            var internalCalls = (InternalCallPolicy)Enum.Parse(typeof(InternalCallPolicy), r.GetString(5));
            var created = Db.ParseTimestamp(r.GetString(6));
            var updated = Db.ParseTimestamp(r.GetString(7));
            return (unit, rows) => new PresenceRule(unit, name, description, rows, policy, overrideDuration, internalCalls, created, updated);
        }

        private static PresenceRuleRow MapRow(DbDataReader r)
        {
            var direction = (RuleDirection)Enum.Parse(typeof(RuleDirection), r.GetString(2));
            var kindText = Db.NullableString(r, 4);
            var availability = Db.NullableString(r, 5);
            var activity = Db.NullableString(r, 6);
            TeamsTarget? target = null;
            if (kindText != null)
            {
                var kind = (TeamsTargetKind)Enum.Parse(typeof(TeamsTargetKind), kindText);
                target = kind == TeamsTargetKind.ClearSession ? TeamsTarget.Clear() : TeamsTarget.Of(kind, new PresenceState(availability!, activity!));
            }
            var matchesTeams = direction != RuleDirection.ToTeams;
            return new PresenceRuleRow(r.GetInt32(1), direction, r.GetString(3), target,
                matchesTeams ? availability : null, matchesTeams ? activity : null, Db.SplitList(r.GetString(7)))
            {
                MinimumDuration = r.IsDBNull(8) ? (TimeSpan?)null : TimeSpan.FromSeconds(r.GetInt64(8)),
                StatusMessage = Db.NullableString(r, 9),
                StatusMessageExpiry = r.IsDBNull(10) ? (TimeSpan?)null : TimeSpan.FromSeconds(r.GetInt64(10)),
            };
        }
    }
}
