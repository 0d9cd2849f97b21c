using System;
using System.Data.Common;

namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>One schema step. Versions only grow; a released migration is never edited.</summary>
    internal sealed class Migration
    {
        public Migration(int version, string name, string sql, Action<DbConnection, DbTransaction>? then = null)
        {
            Version = version;
            Name = name;
            Sql = sql;
            Then = then;
        }

        /// <summary>Work SQL alone cannot do (Unicode normalisation), run after <see cref="Sql"/> in the same transaction.</summary>
        public Action<DbConnection, DbTransaction>? Then { get; }

        public int Version { get; }
        public string Name { get; }
        public string Sql { get; }
    }
}
