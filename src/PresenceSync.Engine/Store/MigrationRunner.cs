using System;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Store.Migrations;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Brings a store up to the latest schema. The version lives in PRAGMA user_version and each
    /// step runs in one IMMEDIATE transaction, so two processes opening an old store at once apply
    /// every step exactly once and a failure leaves the store at the version it had.
    /// </summary>
    internal static class MigrationRunner
    {
        public static int Migrate(DbConnection connection, string path)
        {
            var current = ReadVersion(connection, null);
            if (current > MigrationCatalog.LatestVersion)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreSchemaTooNew, ErrorKind.InvalidOperation,
                    $"The store '{path}' has schema version {current}, newer than this module knows ({MigrationCatalog.LatestVersion}).",
                    path, "Update the PresenceSync module, or point it at another store with Set-PresenceSyncStore."), fatal: true);
            }

            foreach (var migration in MigrationCatalog.All)
            {
                if (migration.Version <= current) continue;
                using var tx = connection.BeginTransaction();
                // Re-read inside the write lock: another process may have migrated meanwhile.
                if (ReadVersion(connection, tx) >= migration.Version) { tx.Commit(); continue; }
                try
                {
                    Db.Execute(connection, tx, migration.Sql);
                    migration.Then?.Invoke(connection, tx);
                    Db.Execute(connection, tx, $"PRAGMA user_version = {migration.Version};");
                    tx.Commit();
                }
                catch (SqliteException ex)
                {
                    throw new PresenceSyncException(new EngineError(ErrorIds.StoreMigrationFailed, ErrorKind.WriteError,
                        $"Upgrading the store '{path}' to version {migration.Version} ({migration.Name}) failed: {ex.Message}",
                        path), ex, fatal: true);
                }
                current = migration.Version;
            }
            return Math.Max(current, ReadVersion(connection, null));
        }

        public static int ReadVersion(DbConnection connection, DbTransaction? tx) =>
            Convert.ToInt32(Db.Scalar(connection, tx, "PRAGMA user_version;"));
    }
}
