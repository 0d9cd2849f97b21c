using System.Collections.Generic;

namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>Every migration, in order. Later issues append here; nothing above is changed.</summary>
    internal static class MigrationCatalog
    {
        public static IReadOnlyList<Migration> All { get; } = new[]
        {
            V001Initial.Migration,
            V002SyncApps.Migration,
            V003Sync.Migration,
            V004AppsAndCredentials.Migration,
            V007SyncCore.Migration,
            V008SipSources.Migration,
            V009Routing.Migration,
            V011InputKeys.Migration,
            V013UnitLeases.Migration,
        };

        public static int LatestVersion => All[All.Count - 1].Version;
    }
}
