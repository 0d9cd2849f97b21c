using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>
    /// Issue 14: agent ids, business unit names and rule names get a key column holding their
    /// folded form (<see cref="KeyText.Fold"/>) with a unique index, so two spellings of one key
    /// ("Ägent1", "ägent1") can never both be stored. SQLite's NOCASE only folds ASCII, so the
    /// keys are computed here in C#. Rows that already collide are not merged or dropped: the
    /// migration stops, names them, and leaves the store at the version it had.
    /// </summary>
    internal static class V011InputKeys
    {
        private static readonly (string Table, string KeyColumn, string TextColumn, string Scope, string What)[] Keys =
        {
            ("business_unit", "name_key", "name", "NULL", "business unit"),
            ("agent", "agent_key", "agent_id", "unit_id", "agent id"),
            ("rule", "name_key", "name", "unit_id", "rule name"),
        };

        /// <summary>The columns both backends add; the keys, their check and the indexes are <see cref="Fill"/>'s.</summary>
        internal const string Sql = @"
ALTER TABLE business_unit ADD COLUMN name_key TEXT;
ALTER TABLE agent ADD COLUMN agent_key TEXT;
ALTER TABLE rule ADD COLUMN name_key TEXT;
";

        public static readonly Migration Migration = new Migration(11, "input keys", Sql, Fill);

        /// <summary>Computes the keys in C#; on PostgreSQL (P011InputKeys) too, where ctid stands in for SQLite's rowid.</summary>
        internal static void Fill(DbConnection c, DbTransaction tx)
        {
            var pg = PostgresDialect.Applies(c);
            var rowId = pg ? "ctid::text" : "rowid";
            var matchRow = pg ? "ctid = $r::tid" : "rowid = $r";
            var collisions = new List<string>();
            foreach (var key in Keys)
            {
                var rows = Db.Query(c, tx, $"SELECT {rowId}, {key.TextColumn}, {key.Scope}, {(key.Scope == "NULL" ? "NULL" : "(SELECT name FROM business_unit b WHERE b.id = t.unit_id)")} FROM {key.Table} t",
                    r => (RowId: r.GetValue(0), Text: r.GetString(1), Scope: r.IsDBNull(2) ? 0L : r.GetInt64(2), Unit: Db.NullableString(r, 3)));
                foreach (var group in rows.GroupBy(r => (r.Scope, Key: KeyText.Fold(r.Text))).Where(g => g.Count() > 1))
                {
                    var unit = group.First().Unit;
                    collisions.Add($"{key.What}s {string.Join(" and ", group.Select(r => "'" + r.Text + "'"))}{(unit == null ? "" : $" in business unit '{unit}'")}");
                }
                foreach (var row in rows)
                    Db.Execute(c, tx, $"UPDATE {key.Table} SET {key.KeyColumn} = $k WHERE {matchRow}", ("$k", KeyText.Fold(row.Text)), ("$r", row.RowId));
            }
            if (collisions.Count > 0)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreKeyCollision, ErrorKind.InvalidData,
                    $"The store '{c.DataSource}' holds keys that are one key under PresenceSync's key rule (Unicode NFC, case ignored by the invariant culture): "
                    + string.Join("; ", collisions) + ". Nothing was changed: the store stays at its old version until one of each is removed or renamed.",
                    c.DataSource,
                    "Remove or rename all but one of each with the PresenceSync version that made the store (Remove-PresenceAgent, Remove-PresenceRule), then open it again."),
                    fatal: true);
            }
            // PostgreSQL already named the index of business_unit's UNIQUE (name) business_unit_name_key.
            Db.Execute(c, tx, $@"
CREATE UNIQUE INDEX {(pg ? "business_unit_name_key_unique" : "business_unit_name_key")} ON business_unit (name_key);
CREATE UNIQUE INDEX agent_agent_key ON agent (unit_id, agent_key);
CREATE UNIQUE INDEX rule_name_key ON rule (unit_id, name_key);");
        }
    }
}
