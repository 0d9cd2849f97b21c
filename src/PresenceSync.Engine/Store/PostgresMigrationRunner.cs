using System;
using Npgsql;
using PresenceSync.Engine.Store.Migrations.Postgres;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// Brings a PostgreSQL store up to the latest schema. The version lives in presencesync_schema;
    /// a session advisory lock lets one process at a time upgrade (the others wait, then find the
    /// work done), and each step runs in one transaction with its version, so a failure (a missing
    /// grant, say) leaves the store at the version it had: PostgreSQL's DDL is transactional.
    /// </summary>
    internal static class PostgresMigrationRunner
    {
        public static int Migrate(NpgsqlConnection connection, string display)
        {
            Db.Execute(connection, null, $"SELECT pg_advisory_lock({PostgresBackend.MigrateLockKey})");
            try
            {
                var current = ReadVersion(connection);
                if (current > PostgresMigrationCatalog.LatestVersion)
                {
                    throw new PresenceSyncException(new EngineError(ErrorIds.StoreSchemaTooNew, ErrorKind.InvalidOperation,
                        $"The store '{display}' has schema version {current}, newer than this module knows ({PostgresMigrationCatalog.LatestVersion}).",
                        display, "Update the PresenceSync module on this host, or point it at another store with Set-PresenceSyncStore."), fatal: true);
                }
                foreach (var migration in PostgresMigrationCatalog.All)
                {
                    if (migration.Version <= current) continue;
                    using var tx = connection.BeginTransaction();
                    try
                    {
                        Db.Execute(connection, tx, @"CREATE TABLE IF NOT EXISTS presencesync_schema (
    id bigint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL, updated_utc text NOT NULL)");
                        Db.Execute(connection, tx, migration.Sql);
                        migration.Then?.Invoke(connection, tx);
                        Db.Execute(connection, tx, @"INSERT INTO presencesync_schema (id, version, updated_utc) VALUES (1, $v, $t)
ON CONFLICT (id) DO UPDATE SET version = $v, updated_utc = $t", ("$v", migration.Version), ("$t", Db.Timestamp(DateTime.UtcNow)));
                        tx.Commit();
                    }
                    catch (PostgresException ex)
                    {
                        tx.Rollback();
                        if (ex.SqlState == "42501") throw PostgresBackend.Describe(ex, display);
                        if (ex.SqlState == "25006")
                            throw new PresenceSyncException(new EngineError(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                                $"The PresenceSync store '{display}' is read-only and has schema version {current} and needs upgrading to {PostgresMigrationCatalog.LatestVersion}, which writes to it.",
                                display, "Connect to the primary server (not a read replica) or clear default_transaction_read_only, and let this module upgrade the store once."), ex, fatal: true);
                        throw new PresenceSyncException(new EngineError(ErrorIds.StoreMigrationFailed, ErrorKind.WriteError,
                            $"Upgrading the store '{display}' to version {migration.Version} ({migration.Name}) failed: {ex.Message}",
                            display), ex, fatal: true);
                    }
                    current = migration.Version;
                }
                return current;
            }
            finally
            {
                if (connection.State == System.Data.ConnectionState.Open)
                    Db.Execute(connection, null, $"SELECT pg_advisory_unlock({PostgresBackend.MigrateLockKey})");
            }
        }

        public static int ReadVersion(NpgsqlConnection connection)
        {
            if (Db.Scalar(connection, null, "SELECT to_regclass('presencesync_schema') IS NOT NULL") is bool exists && exists)
                return Convert.ToInt32(Db.Scalar(connection, null, "SELECT COALESCE(MAX(version), 0) FROM presencesync_schema"));
            return 0;
        }
    }
}
