using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Thin helpers over ADO.NET so repositories read as SQL, not plumbing. Repositories write one
    /// SQL text (SQLite's, with $name parameters); on PostgreSQL <see cref="PostgresDialect"/>
    /// rewrites the few spellings that differ, so both backends run the same repository code.
    /// </summary>
    internal static class Db
    {
        public static int Execute(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            return cmd.ExecuteNonQuery();
        }

        private static readonly Regex ParameterName = new Regex(@"\$[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant);

        /// <summary>
        /// Inserts many rows with one statement per <paramref name="rowsPerStatement"/> rows:
        /// <c>{head} VALUES (row 0), (row 1), ... {tail}</c>, each row's $name parameters renamed
        /// $name_i. One statement, not many in one command: Npgsql sends the later statements of a
        /// command larger than its write buffer asynchronously, which then needs a free pool thread.
        /// </summary>
        public static int InsertRows(DbConnection c, DbTransaction? tx, string head, string row, string tail,
            IReadOnlyList<(string Name, object? Value)[]> rows, int rowsPerStatement = 200)
        {
            var total = 0;
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                var text = new StringBuilder(head).Append(" VALUES ");
                var all = new List<(string Name, object? Value)>(count * rows[start].Length);
                for (var i = 0; i < count; i++)
                {
                    var suffix = "_" + i.ToString(CultureInfo.InvariantCulture);
                    text.Append(i == 0 ? "(" : ", (").Append(ParameterName.Replace(row, m => m.Value + suffix)).Append(')');
                    foreach (var (name, value) in rows[start + i]) all.Add((name + suffix, value));
                }
                total += Execute(c, tx, text.Append(' ').Append(tail).ToString(), all.ToArray());
            }
            return total;
        }

        public static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            var value = cmd.ExecuteScalar();
            if (value is DBNull) return null;
            return PostgresDialect.Applies(c) ? PostgresDialect.Widen(value) : value;
        }

        public static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> map,
            params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            using var reader = cmd.ExecuteReader();
            var list = new List<T>();
            while (reader.Read()) list.Add(map(reader));
            return list;
        }

        public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] args)
        {
            var pg = PostgresDialect.Applies(c);
            var cmd = c.CreateCommand();
            cmd.CommandText = pg ? PostgresDialect.Translate(sql) : sql;
            cmd.Transaction = tx;
            foreach (var (name, value) in args)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = pg ? PostgresDialect.ParameterName(name) : name;
                p.Value = pg ? PostgresDialect.Value(value) : value ?? DBNull.Value;
                cmd.Parameters.Add(p);
            }
            return cmd;
        }

        public static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        public static string Timestamp(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        public static DateTime ParseTimestamp(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        /// <summary>Lists are stored as one ';'-joined column: they are short and never queried inside.</summary>
        public static string JoinList(IEnumerable<string> items) => string.Join(";", items);

        public static IReadOnlyList<string> SplitList(string? text) =>
            string.IsNullOrEmpty(text) ? Array.Empty<string>() : text!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
