using System;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// The few places where PostgreSQL spells SQLite's SQL differently. Repositories keep one SQL
    /// text; this rewrites it mechanically: $name parameters become @name, group_concat becomes
    /// string_agg, last_insert_rowid() becomes lastval(). COLLATE NOCASE needs no rewrite: the
    /// PostgreSQL schema creates a case-insensitive ICU collation named nocase. Values are given
    /// the types SQLite would store (integers as bigint, flags as 0/1, times as text).
    /// </summary>
    internal static class PostgresDialect
    {
        private static readonly Regex Parameter = new Regex(@"\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex GroupConcat = new Regex(@"\bgroup_concat\s*\(", RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex LastRowId = new Regex(@"\blast_insert_rowid\s*\(\s*\)", RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool Applies(DbConnection c) => c is NpgsqlConnection;

        public static string Translate(string sql)
        {
            var text = Parameter.Replace(sql, "@$1");
            text = GroupConcat.Replace(text, "string_agg(");
            return LastRowId.Replace(text, "lastval()");
        }

        public static string ParameterName(string name) => name.TrimStart('$', '@', ':');

        public static object Value(object? value) => value switch
        {
            null => DBNull.Value,
            bool b => b ? 1L : 0L,
            int i => (long)i,
            short s => (long)s,
            byte b8 => (long)b8,
            uint u => (long)u,
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
            Guid g => g.ToByteArray(),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            _ => value,
        };

        /// <summary>Scalars as SQLite returns them: every integer as long (COUNT, CASE, SUM).</summary>
        public static object? Widen(object? value) => value switch
        {
            int i => (long)i,
            short s => (long)s,
            decimal d when decimal.Truncate(d) == d => (long)d,
            _ => value,
        };
    }
}
