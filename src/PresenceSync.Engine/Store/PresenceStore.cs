using System;
using System.Data.Common;
using Azure.Core;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// The store: a local SQLite file (the default) or a shared PostgreSQL database. Each operation
    /// opens a pooled connection, works inside one transaction and closes it, so a pipeline that
    /// stops half-way, or a second PowerShell process on the same store, never sees or leaves a
    /// half-made change. A store that refuses (disk full, read-only, SQLite file deleted while in
    /// use) is reported as that, with the cause the database gave (see StoreFault); a SQLite file
    /// is readable by its owner only (StoreFile).
    /// </summary>
    public sealed class PresenceStore
    {
        private readonly StoreBackend _backend;
        private readonly object _gate = new object();
        private int _schemaVersion = -1;

        /// <summary>A SQLite store file.</summary>
        public PresenceStore(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            _backend = new SqliteBackend(path);
        }

        private PresenceStore(StoreBackend backend) => _backend = backend;

        /// <summary>
        /// A PostgreSQL store from an Npgsql connection string. Authentication=ManagedIdentity or
        /// Authentication=EntraId signs in with an Entra ID token instead of a password; the password,
        /// if any, is kept only inside the connection pool and never shown.
        /// </summary>
        public static PresenceStore FromConnectionString(string connectionString) => new PresenceStore(new PostgresBackend(connectionString, null));

        /// <summary>As <see cref="FromConnectionString(string)"/> with the credential that signs in (tests, hosts with their own credential).</summary>
        internal static PresenceStore FromConnectionString(string connectionString, TokenCredential? credential) =>
            new PresenceStore(new PostgresBackend(connectionString, credential));

        /// <summary>The store file, or for PostgreSQL the connection string without its password.</summary>
        public string Path => _backend.Display;

        /// <summary>SQLite or PostgreSQL.</summary>
        public string Kind => _backend.Kind;

        /// <summary>True for a database server that several sync hosts may share.</summary>
        public bool Shared => _backend.Shared;

        /// <summary>True when the store file is read-only (its permissions, or a read-only volume): the
        /// Get- cmdlets read it, and every change fails with StoreReadOnly.</summary>
        public bool IsReadOnly { get { EnsureReady(); return _backend.ReadOnly; } }

        public int SchemaVersion
        {
            get { EnsureReady(); return _schemaVersion; }
        }

        /// <summary>
        /// Closes this store's idle pooled connections, so that nothing holds the file open any
        /// more (Remove-Module PresenceSync): on Windows it can then be moved or deleted.
        /// </summary>
        public void ReleaseConnections() => _backend.ReleaseConnections();

        /// <summary>Opens a connection to a store that is created and migrated on first use.</summary>
        public DbConnection Open()
        {
            EnsureReady();
            return _backend.OpenConnection();
        }

        /// <summary>Runs <paramref name="work"/> in one write transaction: all of it is stored, or none.</summary>
        public T Write<T>(Func<DbConnection, DbTransaction, T> work)
        {
            if (IsReadOnly) throw _backend.ReadOnlyError("cannot be changed");
            return Transact(work, write: true);
        }

        /// <summary>Runs <paramref name="work"/> against one consistent snapshot.</summary>
        public T Read<T>(Func<DbConnection, DbTransaction, T> work) => Transact(work, write: false);

        private T Transact<T>(Func<DbConnection, DbTransaction, T> work, bool write)
        {
            EnsureReady();
            // A SQLite file deleted while in use still takes writes into a file nobody can open again:
            // the backend refuses before that happens (StoreFileLost).
            _backend.CheckStillThere();
            DbConnection? connection = null;
            DbTransaction? tx = null;
            try
            {
                connection = _backend.OpenConnection();
                tx = write ? _backend.BeginWrite(connection) : _backend.BeginRead(connection);
                var result = work(connection, tx);
                if (write) tx.Commit();
                return result;
            }
            catch (DbException ex) when (_backend.Fault(ex) is PresenceSyncException fault)
            {
                // The store refuses (disk full, read-only, I/O): reported as that, with the real cause.
                throw fault;
            }
            finally
            {
                _backend.EndTransaction(tx);
                connection?.Dispose();
            }
        }

        private void EnsureReady()
        {
            if (_schemaVersion >= 0) return;
            lock (_gate)
            {
                if (_schemaVersion >= 0) return;
                _schemaVersion = _backend.Prepare();
            }
        }
    }
}
