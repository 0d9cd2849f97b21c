using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Repositories
{
    internal static class AgentRepository
    {
        private const string SelectSql = @"
SELECT a.agent_id, a.name, a.email, a.extension, a.created_utc, a.updated_utc,
       (SELECT group_concat(t.team, ';') FROM agent_team t WHERE t.unit_id = a.unit_id AND t.agent_id = a.agent_id)
FROM agent a WHERE a.unit_id = $u";

        public static List<PresenceAgent> All(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, SelectSql + " ORDER BY a.agent_id", r => Map(r, unit.Name), ("$u", unit.Id));

        public static PresenceAgent? Find(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId) =>
            Db.Query(c, tx, SelectSql + " AND a.agent_key = $k", r => Map(r, unit.Name), ("$u", unit.Id), ("$k", KeyText.Fold(agentId)))
              .FirstOrDefault();

        public static List<PresenceAgent> Unmapped(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, SelectSql + @" AND NOT EXISTS (SELECT 1 FROM user_mapping m
                 WHERE m.unit_id = a.unit_id AND m.agent_id = a.agent_id) ORDER BY a.agent_id",
                r => Map(r, unit.Name), ("$u", unit.Id));

        /// <summary>The agent id as stored (the spelling it was first imported with) for any spelling of it, or null.</summary>
        public static string? StoredId(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId) =>
            Db.Scalar(c, tx, "SELECT agent_id FROM agent WHERE unit_id = $u AND agent_key = $k", ("$u", unit.Id), ("$k", KeyText.Fold(agentId))) as string;

        /// <summary>Stores the agent; an agent already stored under another spelling of its id keeps that id.</summary>
        public static void Upsert(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AgentInput input, string now)
        {
            input.AgentId = StoredId(c, tx, unit, input.AgentId!) ?? input.AgentId;
            Db.Execute(c, tx, @"
INSERT INTO agent (unit_id, agent_id, agent_key, name, email, extension, created_utc, updated_utc)
VALUES ($u, $a, $k, $n, $e, $x, $t, $t)
ON CONFLICT (unit_id, agent_id) DO UPDATE SET name = $n, email = $e, extension = $x, updated_utc = $t",
                ("$u", unit.Id), ("$a", input.AgentId), ("$k", KeyText.Fold(input.AgentId!)), ("$n", input.Name), ("$e", input.Email), ("$x", input.Extension), ("$t", now));
            Db.Execute(c, tx, "DELETE FROM agent_team WHERE unit_id = $u AND agent_id = $a", ("$u", unit.Id), ("$a", input.AgentId));
            foreach (var team in input.Teams.Distinct(System.StringComparer.OrdinalIgnoreCase))
            {
                Db.Execute(c, tx, "INSERT INTO agent_team (unit_id, agent_id, team) VALUES ($u, $a, $t)",
                    ("$u", unit.Id), ("$a", input.AgentId), ("$t", team));
            }
        }

        /// <summary>Deletes the agent with its teams, mapping (by cascade) and own rule assignment.</summary>
        public static void Delete(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId)
        {
            Db.Execute(c, tx, "DELETE FROM rule_assignment WHERE unit_id = $u AND scope = 'Agent' AND subject = $a",
                ("$u", unit.Id), ("$a", agentId));
            Db.Execute(c, tx, "DELETE FROM agent WHERE unit_id = $u AND agent_id = $a", ("$u", unit.Id), ("$a", agentId));
        }

        /// <summary>Every agent's id, name and e-mail (no teams): what a bulk removal needs, read fast.</summary>
        public static List<PresenceAgent> Briefs(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, "SELECT agent_id, name, email FROM agent WHERE unit_id = $u",
                r => new PresenceAgent(unit.Name, r.GetString(0), Db.NullableString(r, 1), Db.NullableString(r, 2), null,
                    System.Array.Empty<string>(), default, default), ("$u", unit.Id));

        /// <summary>Deletes many agents as <see cref="Delete"/> does, with two statements prepared once.</summary>
        public static void DeleteMany(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, IEnumerable<string> agentIds)
        {
            using var assignment = Db.Command(c, tx, "DELETE FROM rule_assignment WHERE unit_id = $u AND scope = 'Agent' AND subject = $a",
                new (string, object?)[] { ("$u", unit.Id), ("$a", "") });
            using var agent = Db.Command(c, tx, "DELETE FROM agent WHERE unit_id = $u AND agent_id = $a",
                new (string, object?)[] { ("$u", unit.Id), ("$a", "") });
            assignment.Prepare();
            agent.Prepare();
            foreach (var id in agentIds)
            {
                assignment.Parameters[1].Value = id;
                assignment.ExecuteNonQuery();
                agent.Parameters[1].Value = id;
                agent.ExecuteNonQuery();
            }
        }

        public static List<string> AllTeams(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            Db.Query(c, tx, "SELECT DISTINCT team FROM agent_team WHERE unit_id = $u ORDER BY team", r => r.GetString(0), ("$u", unit.Id));

        private static PresenceAgent Map(DbDataReader r, string unitName) => new PresenceAgent(
            unitName, r.GetString(0), Db.NullableString(r, 1), Db.NullableString(r, 2), Db.NullableString(r, 3),
            Db.SplitList(Db.NullableString(r, 6)), Db.ParseTimestamp(r.GetString(4)), Db.ParseTimestamp(r.GetString(5)));
    }
}
