using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PresenceSync.Engine.Store
{
    /// <summary>Thin helpers over Microsoft.Data.Sqlite so repositories read as SQL, not plumbing.</summary>
    internal static class Db
    {
        public static int Execute(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            return cmd.ExecuteNonQuery();
        }

        public static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            var value = cmd.ExecuteScalar();
            return value is DBNull ? null : value;
        }

        public static List<T> Query<T>(SqliteConnection c, SqliteTransaction? tx, string sql, Func<SqliteDataReader, T> map,
            params (string Name, object? Value)[] args)
        {
            using var cmd = Command(c, tx, sql, args);
            using var reader = cmd.ExecuteReader();
            var list = new List<T>();
            while (reader.Read()) list.Add(map(reader));
            return list;
        }

        public static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, (string Name, object? Value)[] args)
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Transaction = tx;
            foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return cmd;
        }

        public static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        public static string Timestamp(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        public static DateTime ParseTimestamp(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        /// <summary>Lists are stored as one ';'-joined column: they are short and never queried inside.</summary>
        public static string JoinList(IEnumerable<string> items) => string.Join(";", items);

        public static IReadOnlyList<string> SplitList(string? text) =>
            string.IsNullOrEmpty(text) ? Array.Empty<string>() : text!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
