using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Copies a whole store to another (SQLite to PostgreSQL and back): the shared credentials
    /// first, then each business unit with everything it owns in one transaction of its own, with
    /// the same ids, so references between rows and the record of held presence sessions survive.
    /// A target that holds anything beyond its empty Default unit is refused unless forced.
    /// </summary>
    public sealed class StoreCopier
    {
        private const int ProgressId = 1101;

        // Foreign-key order. Tables another migration adds are copied after these (per unit when
        // they have a unit_id column).
        private static readonly string[] GlobalTables = { "app_credential", "retired_credential", "sync_source_status" };
        private static readonly string[] UnitTables =
        {
            "business_unit", "agent", "agent_team", "teams_user", "teams_user_address", "user_mapping", "rule", "rule_row",
            "rule_assignment", "directory_sync", "sync_app", "agent_app", "sync_event", "agent_sync", "sync_history",
            "sync_status", "sync_app_status", "sip_source", "unit_config",
        };

        // Not data: the run lock belongs to a running sync, the schema version to the store itself.
        private static readonly string[] Skipped = { "sync_lock", "sync_host", "sync_unit_lease", "presencesync_schema" };

        private readonly PresenceStore _from;
        private readonly PresenceStore _to;
        private readonly IHostContext _host;

        public StoreCopier(PresenceStore from, PresenceStore to, IHostContext host)
        {
            _from = from;
            _to = to;
            _host = host;
        }

        /// <summary>Copies everything; null when ShouldProcess declined (-WhatIf).</summary>
        public PresenceStoreCopy? Copy(bool force)
        {
            if (string.Equals(_from.Path, _to.Path, StringComparison.OrdinalIgnoreCase) && _from.Kind == _to.Kind)
            {
                throw new PresenceSyncException(new EngineError(StoreErrorIds.StoreCopySameStore, ErrorKind.InvalidArgument,
                    $"-From and -To name the same store ({_from.Path}).", _to.Path, "Name another store as -To."), fatal: true);
            }
            if (_from.SchemaVersion != _to.SchemaVersion)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreSchemaTooNew, ErrorKind.InvalidOperation,
                    $"The stores have different schema versions ({_from.SchemaVersion} and {_to.SchemaVersion}).", _to.Path,
                    "Use the same PresenceSync version on both: it upgrades each store when it opens it."), fatal: true);
            }
            var target = _to.Read((c, tx) => Describe(c, tx));
            if (!force && !IsEmpty(target))
            {
                throw new PresenceSyncException(new EngineError(StoreErrorIds.StoreCopyTargetNotEmpty, ErrorKind.ResourceExists,
                    $"The store {_to.Path} already holds data ({target.Units} business units, {target.Rows} rows); nothing was copied.", _to.Path,
                    "Copy to an empty store, or add -Force to replace everything in it."), fatal: true);
            }
            if (!_host.ShouldProcess(_to.Path, $"Replace everything with the content of {_from.Path}")) return null;

            var tables = _to.Read((c, tx) => Tables(c, tx));
            var units = _from.Read((c, tx) => Db.Query(c, tx, "SELECT id FROM business_unit ORDER BY id", r => r.GetInt64(0)));
            long rows = 0;
            _to.Write((c, tx) =>
            {
                foreach (var table in tables.Global.Concat(tables.Unit).Reverse()) Db.Execute(c, tx, $"DELETE FROM {table.Name}");
                rows += CopyRows(c, tx, tables.Global, null);
                return true;
            });
            for (var i = 0; i < units.Count; i++)
            {
                _host.Cancellation.ThrowIfCancellationRequested();
                _host.WriteProgress(ProgressInfo.Of(ProgressId, "Copying the store", i, units.Count));
                var unit = units[i];
                _to.Write((c, tx) =>
                {
                    rows += CopyRows(c, tx, tables.Unit, unit);
                    return true;
                });
            }
            if (_to.Kind == "PostgreSQL") _to.Write((c, tx) => { RestartIdentities(c, tx, tables.Global.Concat(tables.Unit)); return true; });
            _host.WriteProgress(ProgressInfo.Complete(ProgressId, "Copying the store"));
            return new PresenceStoreCopy(_from.Path, _from.Kind, _to.Path, _to.Kind, units.Count, rows);
        }

        private long CopyRows(DbConnection target, DbTransaction tx, IEnumerable<Table> tables, long? unit)
        {
            long copied = 0;
            foreach (var table in tables)
            {
                var filter = unit == null ? "" : Filter(table, unit.Value);
                var source = _from.Read((c, rtx) => ReadAll(c, rtx, $"SELECT * FROM {table.Name}{filter}"));
                var columns = source.Columns.Where(table.Columns.Contains).ToList();
                // Inserting a unit fires the trigger that makes its unit_config row: the copied one replaces it.
                if (table.Name == "unit_config" && unit != null) Db.Execute(target, tx, "DELETE FROM unit_config WHERE unit_id = $u", ("$u", unit.Value));
                var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$c" + i))})";
                foreach (var row in source.Rows)
                {
                    var args = columns.Select((name, i) => ("$c" + i, row[source.Columns.IndexOf(name)])).ToArray();
                    Db.Execute(target, tx, sql, args);
                    copied++;
                }
            }
            return copied;
        }

        private static string Filter(Table table, long unit) => table.Name switch
        {
            "business_unit" => $" WHERE id = {unit}",
            "rule_row" => $" WHERE rule_id IN (SELECT id FROM rule WHERE unit_id = {unit})",
            _ => $" WHERE unit_id = {unit}",
        };

        private static (List<string> Columns, List<object?[]> Rows) ReadAll(DbConnection c, DbTransaction tx, string sql)
        {
            using var cmd = Db.Command(c, tx, sql, Array.Empty<(string, object?)>());
            using var reader = cmd.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(values);
            }
            return (columns, rows);
        }

        private sealed class Table
        {
            public Table(string name, HashSet<string> columns) { Name = name; Columns = columns; }
            public string Name { get; }
            public HashSet<string> Columns { get; }
        }

        private static (List<Table> Global, List<Table> Unit) Tables(DbConnection c, DbTransaction tx)
        {
            var names = PostgresDialect.Applies(c)
                ? Db.Query(c, tx, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", r => r.GetString(0))
                : Db.Query(c, tx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
            var all = names.Where(n => !Skipped.Contains(n)).ToDictionary(n => n, n => new Table(n, Columns(c, tx, n)), StringComparer.OrdinalIgnoreCase);
            var global = GlobalTables.Where(all.ContainsKey).Select(n => all[n]).ToList();
            var unit = UnitTables.Where(all.ContainsKey).Select(n => all[n]).ToList();
            // unit_config stays last: the copied version must win over the bumps of the inserts before it.
            var extra = all.Values.Where(t => !GlobalTables.Contains(t.Name) && !UnitTables.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            global.AddRange(extra.Where(t => !t.Columns.Contains("unit_id")));
            unit.InsertRange(unit.Count - 1, extra.Where(t => t.Columns.Contains("unit_id")));
            return (global, unit);
        }

        private static HashSet<string> Columns(DbConnection c, DbTransaction tx, string table)
        {
            using var cmd = Db.Command(c, tx, $"SELECT * FROM {table} WHERE 1 = 0", Array.Empty<(string, object?)>());
            using var reader = cmd.ExecuteReader();
            return new HashSet<string>(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), StringComparer.OrdinalIgnoreCase);
        }

        private static void RestartIdentities(DbConnection c, DbTransaction tx, IEnumerable<Table> tables)
        {
            foreach (var table in tables.Where(t => t.Columns.Contains("id")))
            {
                Db.Scalar(c, tx, $@"SELECT setval(s, GREATEST(COALESCE((SELECT MAX(id) FROM {table.Name}), 0), 1), (SELECT COUNT(*) FROM {table.Name}) > 0)
FROM (SELECT pg_get_serial_sequence('{table.Name}', 'id') AS s) q WHERE s IS NOT NULL");
            }
        }

        private sealed class Contents
        {
            public long Units;
            public long Rows;
        }

        private static Contents Describe(DbConnection c, DbTransaction tx)
        {
            var (global, unit) = Tables(c, tx);
            var contents = new Contents { Units = Convert.ToInt64(Db.Scalar(c, tx, "SELECT COUNT(*) FROM business_unit")) };
            foreach (var table in global.Concat(unit).Where(t => t.Name != "business_unit" && t.Name != "unit_config"))
                contents.Rows += Convert.ToInt64(Db.Scalar(c, tx, $"SELECT COUNT(*) FROM {table.Name}"));
            return contents;
        }

        private static bool IsEmpty(Contents contents) => contents.Units <= 1 && contents.Rows == 0;
    }
}
