using System;
using System.Data.Common;
using System.IO;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Store.Migrations;
using PresenceSync.Engine.Sync.Core;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// The local SQLite file (the default). WAL lets readers run beside the single writer;
    /// busy_timeout makes a second writer wait rather than fail. A file that refuses (disk full,
    /// read-only, deleted while in use) is reported as that (StoreFault), and the file is readable
    /// by its owner only (StoreFile).
    /// </summary>
    internal sealed class SqliteBackend : StoreBackend
    {
        private readonly string _path;
        private readonly string _connectionString;
        private readonly string _readOnlyConnectionString;
        private bool _readOnly;

        public SqliteBackend(string path)
        {
            _path = path;
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 60,
            }.ToString();
            _readOnlyConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        }

        public override bool ReadOnly => _readOnly;

        public override string Kind => "SQLite";
        public override string Display => _path;
        public override bool Shared => false;

        public override int Prepare()
        {
            NativeSqlite.EnsureLoaded();
            try
            {
                var folder = Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                // Checked before StoreFile makes it owner-only, which would give the owner write access back.
                if (File.Exists(_path) && (File.GetAttributes(_path) & FileAttributes.ReadOnly) != 0) return OpenReadOnly();
                StoreFile.PrepareOwnerOnly(_path);
                using var connection = (SqliteConnection)OpenConnection();
                try
                {
                    Db.Execute(connection, null, "PRAGMA journal_mode = WAL;");
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 8)
                {
                    // SQLITE_READONLY: a read-only volume, or a file this user may not write.
                    return OpenReadOnly();
                }
                return MigrationRunner.Migrate(connection, _path);
            }
            catch (PresenceSyncException) { throw; }
            catch (SqliteException ex) when (StoreFault.IsFault(ex) && (ex.SqliteErrorCode == 13 || ex.SqliteErrorCode == 8))
            {
                throw StoreFault.Of(ex, _path);
            }
            catch (Exception ex) when (ex is SqliteException || ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreOpenFailed, ErrorKind.ResourceUnavailable,
                    $"Cannot open the PresenceSync store '{_path}': {ex.Message}", _path,
                    "Check the path and its permissions, or choose another store with Set-PresenceSyncStore -Path."), ex, fatal: true);
            }
        }

        /// <summary>Reads a read-only store as it is: nothing is migrated, so its schema must be current.</summary>
        private int OpenReadOnly()
        {
            _readOnly = true;
            using var connection = OpenConnection();
            var version = MigrationRunner.ReadVersion(connection, null);
            if (version > MigrationCatalog.LatestVersion)
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreSchemaTooNew, ErrorKind.InvalidOperation,
                    $"The store '{_path}' has schema version {version}, newer than this module knows ({MigrationCatalog.LatestVersion}).",
                    _path, "Update the PresenceSync module, or point it at another store with Set-PresenceSyncStore."), fatal: true);
            if (version < MigrationCatalog.LatestVersion)
                throw ReadOnlyError($"has schema version {version} and needs upgrading to {MigrationCatalog.LatestVersion}, which writes to it");
            return version;
        }

        public override DbConnection OpenConnection()
        {
            var connection = new SqliteConnection(_readOnly ? _readOnlyConnectionString : _connectionString);
            connection.Open();
            // Per-connection settings: foreign keys are off by default in SQLite, and NORMAL
            // synchronisation is durable across application crashes in WAL mode.
            Db.Execute(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 60000;");
            return connection;
        }

        public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

        public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

        public override void CheckStillThere()
        {
            if (!File.Exists(_path)) throw StoreFault.Lost(_path);
        }

        public override PresenceSyncException? Fault(DbException ex) =>
            ex is SqliteException sqlite && StoreFault.IsFault(sqlite) ? StoreFault.Of(ex, _path) : null;

        public override void EndTransaction(DbTransaction? tx)
        {
            // After a failed commit SQLite has already rolled back; disposing would then throw
            // "cannot rollback - no transaction is active" and hide the real cause.
            try { tx?.Dispose(); }
            catch (SqliteException) { }
        }

        public override void ReleaseConnections()
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
