using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Routing;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class RoutingPolicyRepository
    {
        public static List<PresenceRoutingPolicy> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit)
        {
            var rows = Db.Query(c, tx, @"
SELECT r.policy_id, r.fallback, r.position, r.availability, r.activity, r.decision, r.only_when_acd_state
FROM routing_policy_row r JOIN routing_policy p ON p.id = r.policy_id WHERE p.unit_id = $u ORDER BY r.policy_id, r.fallback, r.position",
                r => (Id: r.GetInt64(0), Fallback: r.GetInt64(1) != 0,
                      Row: new PresenceRoutingRow(r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), Db.SplitList(r.GetString(6)))),
                ("$u", unit.Id)).ToLookup(x => (x.Id, x.Fallback), x => x.Row);
            return Db.Query(c, tx, @"
SELECT id, name, description, default_decision, acd_contact_states, max_teams_age_seconds, when_stale, created_utc, updated_utc
FROM routing_policy WHERE unit_id = $u ORDER BY name",
                r =>
                {
                    var id = r.GetInt64(0);
                    return new PresenceRoutingPolicy(unit.Name, r.GetString(1), Db.NullableString(r, 2), rows[(id, false)].ToList(), r.GetString(3),
                        Db.SplitList(r.GetString(4)), r.IsDBNull(5) ? (TimeSpan?)null : TimeSpan.FromSeconds(r.GetInt64(5)), r.GetString(6),
                        rows[(id, true)].ToList(), Db.ParseTimestamp(r.GetString(7)), Db.ParseTimestamp(r.GetString(8)));
                }, ("$u", unit.Id));
        }

        public static PresenceRoutingPolicy? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            All(c, tx, unit).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        public static long? FindId(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string name) =>
            Db.Scalar(c, tx, "SELECT id FROM routing_policy WHERE unit_id = $u AND name = $n", ("$u", unit.Id), ("$n", name)) as long?;

        public static void Save(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, long? existingId, PresenceRoutingPolicy p, string now)
        {
            var args = new (string, object?)[]
            {
                ("$u", unit.Id), ("$n", p.Name), ("$d", p.Description), ("$def", p.Default), ("$acd", Db.JoinList(p.AcdContactStates)),
                ("$age", p.MaxTeamsAge is TimeSpan a ? (long)a.TotalSeconds : (object?)null), ("$ws", p.WhenStale), ("$t", now),
            };
            long id;
            if (existingId is long known)
            {
                id = known;
                Db.Execute(c, tx, @"UPDATE routing_policy SET name = $n, description = $d, default_decision = $def, acd_contact_states = $acd,
                    max_teams_age_seconds = $age, when_stale = $ws, updated_utc = $t WHERE id = $id", args.Concat(new (string, object?)[] { ("$id", id) }).ToArray());
                Db.Execute(c, tx, "DELETE FROM routing_policy_row WHERE policy_id = $id", ("$id", id));
            }
            else
            {
                Db.Execute(c, tx, @"INSERT INTO routing_policy (unit_id, name, description, default_decision, acd_contact_states, max_teams_age_seconds,
                    when_stale, created_utc, updated_utc) VALUES ($u, $n, $d, $def, $acd, $age, $ws, $t, $t)", args);
                id = (long)Db.Scalar(c, tx, "SELECT last_insert_rowid()")!;
            }
            foreach (var row in p.Rows) InsertRow(c, tx, id, false, row);
            foreach (var row in p.FallbackRows) InsertRow(c, tx, id, true, row);
        }

        /// <summary>How many services and assignments name the policy.</summary>
        public static int Uses(DbConnection c, DbTransaction? tx, long policyId) =>
            Convert.ToInt32(Db.Scalar(c, tx, "SELECT (SELECT COUNT(*) FROM routing_service WHERE policy_id = $p) + (SELECT COUNT(*) FROM routing_assignment WHERE policy_id = $p)",
                ("$p", policyId)));

        public static void Delete(DbConnection c, DbTransaction tx, long policyId) =>
            Db.Execute(c, tx, "DELETE FROM routing_policy WHERE id = $id", ("$id", policyId));

        private static void InsertRow(DbConnection c, DbTransaction tx, long policyId, bool fallback, PresenceRoutingRow row) =>
            Db.Execute(c, tx, @"INSERT INTO routing_policy_row (policy_id, fallback, position, availability, activity, decision, only_when_acd_state)
                VALUES ($p, $f, $pos, $av, $ac, $d, $g)",
                ("$p", policyId), ("$f", fallback ? 1 : 0), ("$pos", row.Position), ("$av", row.AvailabilityPattern), ("$ac", row.ActivityPattern),
                ("$d", row.Decision), ("$g", Db.JoinList(row.OnlyWhenAcdState)));
    }
}
