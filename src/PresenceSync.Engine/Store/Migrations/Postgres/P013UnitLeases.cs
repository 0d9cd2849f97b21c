namespace PresenceSync.Engine.Store.Migrations.Postgres
{
    /// <summary>The PostgreSQL twin of V013UnitLeases: the same host and unit lease tables (BIGINT as in the baseline), the same event column.</summary>
    internal static class P013UnitLeases
    {
        public static readonly Migration Migration = new Migration(13, "unit leases", V013UnitLeases.Sql.Replace("INTEGER", "BIGINT"));
    }
}
