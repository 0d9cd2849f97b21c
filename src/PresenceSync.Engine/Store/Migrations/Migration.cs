namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>One schema step. Versions only grow; a released migration is never edited.</summary>
    internal sealed class Migration
    {
        public Migration(int version, string name, string sql)
        {
            Version = version;
            Name = name;
            Sql = sql;
        }

        public int Version { get; }
        public string Name { get; }
        public string Sql { get; }
    }
}
