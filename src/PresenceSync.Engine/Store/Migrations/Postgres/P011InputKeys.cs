namespace PresenceSync.Engine.Store.Migrations.Postgres
{
    /// <summary>
    /// The PostgreSQL twin of V011InputKeys: the same key columns, filled by the same C# step (a
    /// collision stops the migration and leaves the store at version 9), the same unique indexes.
    /// </summary>
    internal static class P011InputKeys
    {
        public static readonly Migration Migration = new Migration(11, "input keys", V011InputKeys.Sql, V011InputKeys.Fill);
    }
}
