using System.Collections.Generic;

namespace PresenceSync.Engine.Store.Migrations.Postgres
{
    /// <summary>
    /// The PostgreSQL migrations, numbered like their SQLite twins in MigrationCatalog: a store of
    /// either kind at version N has the same tables. A new SQLite migration needs a twin here (a
    /// test checks that the two catalogs end at the same version).
    /// </summary>
    internal static class PostgresMigrationCatalog
    {
        public static IReadOnlyList<Migration> All { get; } = new[]
        {
            P008Baseline.Migration,
            P009Routing.Migration,
            P011InputKeys.Migration,
            P013UnitLeases.Migration,
        };

        public static int LatestVersion => All[All.Count - 1].Version;
    }
}
