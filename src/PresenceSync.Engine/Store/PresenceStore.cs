using System;
using System.IO;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Sync.Core;
using PresenceSync.Engine.Store.Migrations;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// The local SQLite store. Each operation opens a pooled connection, works inside one
    /// transaction and closes it, so a pipeline that stops half-way, or a second PowerShell process
    /// on the same file, never sees or leaves a half-made change. WAL lets readers run beside the
    /// single writer; busy_timeout makes a second writer wait rather than fail. A store that
    /// refuses (disk full, read-only, file deleted while in use) is reported as that, with the
    /// cause SQLite gave (see StoreFault), and the file is readable by its owner only (StoreFile).
    /// </summary>
    public sealed class PresenceStore
    {
        private readonly string _connectionString;
        private readonly string _readOnlyConnectionString;
        private readonly object _gate = new object();
        private int _schemaVersion = -1;
        private bool _readOnly;

        public PresenceStore(string path)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
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

        /// <summary>True when the store file is read-only (its permissions, or a read-only volume): the
        /// Get- cmdlets read it, and every change fails with StoreReadOnly.</summary>
        public bool IsReadOnly { get { EnsureReady(); return _readOnly; } }

        public string Path { get; }

        public int SchemaVersion
        {
            get { EnsureReady(); return _schemaVersion; }
        }

        /// <summary>
        /// Closes this store's idle pooled connections, so that nothing holds the file open any
        /// more (Remove-Module PresenceSync): on Windows it can then be moved or deleted.
        /// </summary>
        public void ReleaseConnections()
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        /// <summary>Opens a connection to a store that is created and migrated on first use.</summary>
        public SqliteConnection Open()
        {
            EnsureReady();
            return OpenRaw();
        }

        /// <summary>Runs <paramref name="work"/> in one write transaction: all of it is stored, or none.</summary>
        public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
        {
            if (IsReadOnly) throw ReadOnlyError("cannot be changed");
            return Transact(work, deferred: false);
        }

        /// <summary>Runs <paramref name="work"/> against one consistent snapshot.</summary>
        public T Read<T>(Func<SqliteConnection, SqliteTransaction, T> work) => Transact(work, deferred: true);

        private T Transact<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool deferred)
        {
            EnsureReady();
            // A deleted store still takes writes through the connections that have it open, into a
            // file nobody can open again: refuse before that happens.
            if (!File.Exists(Path)) throw StoreFault.Lost(Path);
            SqliteConnection? connection = null;
            SqliteTransaction? tx = null;
            try
            {
                connection = OpenRaw();
                tx = connection.BeginTransaction(deferred);
                var result = work(connection, tx);
                if (!deferred) tx.Commit();
                return result;
            }
            catch (SqliteException ex) when (StoreFault.IsFault(ex))
            {
                throw StoreFault.Of(ex, Path);
            }
            finally
            {
                // After a failed commit SQLite has already rolled back; disposing would then throw
                // "cannot rollback - no transaction is active" and hide the real cause.
                try { tx?.Dispose(); }
                catch (SqliteException) { }
                connection?.Dispose();
            }
        }

        private void EnsureReady()
        {
            if (_schemaVersion >= 0) return;
            lock (_gate)
            {
                if (_schemaVersion >= 0) return;
                NativeSqlite.EnsureLoaded();
                try
                {
                    var folder = System.IO.Path.GetDirectoryName(Path);
                    if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                    if (File.Exists(Path) && (File.GetAttributes(Path) & FileAttributes.ReadOnly) != 0)
                    {
                        OpenReadOnly();
                        return;
                    }
                    StoreFile.PrepareOwnerOnly(Path);
                    using var connection = OpenRaw();
                    try
                    {
                        Db.Execute(connection, null, "PRAGMA journal_mode = WAL;");
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode == 8)
                    {
                        // SQLITE_READONLY: a read-only volume, or a file this user may not write.
                        OpenReadOnly();
                        return;
                    }
                    _schemaVersion = MigrationRunner.Migrate(connection, Path);
                }
                catch (PresenceSyncException) { throw; }
                catch (SqliteException ex) when (StoreFault.IsFault(ex) && (ex.SqliteErrorCode == 13 || ex.SqliteErrorCode == 8))
                {
                    throw StoreFault.Of(ex, Path);
                }
                catch (Exception ex) when (ex is SqliteException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new PresenceSyncException(new EngineError(ErrorIds.StoreOpenFailed, ErrorKind.ResourceUnavailable,
                        $"Cannot open the PresenceSync store '{Path}': {ex.Message}", Path,
                        "Check the path and its permissions, or choose another store with Set-PresenceSyncStore -Path."), ex, fatal: true);
                }
            }
        }

        /// <summary>Reads a read-only store as it is: nothing is migrated, so its schema must be current.</summary>
        private void OpenReadOnly()
        {
            _readOnly = true;
            using var connection = OpenRaw();
            var version = MigrationRunner.ReadVersion(connection, null);
            if (version > MigrationCatalog.LatestVersion)
                throw new PresenceSyncException(new EngineError(ErrorIds.StoreSchemaTooNew, ErrorKind.InvalidOperation,
                    $"The store '{Path}' has schema version {version}, newer than this module knows ({MigrationCatalog.LatestVersion}).",
                    Path, "Update the PresenceSync module, or point it at another store with Set-PresenceSyncStore."), fatal: true);
            if (version < MigrationCatalog.LatestVersion)
                throw ReadOnlyError($"has schema version {version} and needs upgrading to {MigrationCatalog.LatestVersion}, which writes to it");
            _schemaVersion = version;
        }

        private PresenceSyncException ReadOnlyError(string what) =>
            new PresenceSyncException(new EngineError(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                $"The PresenceSync store '{Path}' is read-only and {what}.", Path,
                "Make the file writable (and its folder, for the -wal and -shm files), or work on a copy with Set-PresenceSyncStore -Path."), fatal: true);

        private SqliteConnection OpenRaw()
        {
            var connection = new SqliteConnection(_readOnly ? _readOnlyConnectionString : _connectionString);
            connection.Open();
            // Per-connection settings: foreign keys are off by default in SQLite, and NORMAL
            // synchronisation is durable across application crashes in WAL mode.
            Db.Execute(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 60000;");
            return connection;
        }
    }
}
