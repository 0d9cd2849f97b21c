using System.Data.Common;

namespace PresenceSync.Engine.Store
{
    /// <summary>
    /// What differs between the store's database engines: how a connection is opened, how a write
    /// and a read transaction begin, and how the schema is created or upgraded. Repositories see
    /// only DbConnection and DbTransaction.
    /// </summary>
    internal abstract class StoreBackend
    {
        /// <summary>SQLite or PostgreSQL.</summary>
        public abstract string Kind { get; }

        /// <summary>Where the store is, safe to show: a file path, or a connection string without its password.</summary>
        public abstract string Display { get; }

        /// <summary>True when several hosts may share the store (a database server, not a local file).</summary>
        public abstract bool Shared { get; }

        /// <summary>Creates the store if needed and brings it to the latest schema; returns the schema version.</summary>
        public abstract int Prepare();

        public abstract DbConnection OpenConnection();

        /// <summary>A transaction that serialises with every other writer of the store, as SQLite's IMMEDIATE does.</summary>
        public abstract DbTransaction BeginWrite(DbConnection connection);

        /// <summary>A transaction that reads one consistent snapshot.</summary>
        public abstract DbTransaction BeginRead(DbConnection connection);

        public abstract void ReleaseConnections();

        /// <summary>True for a store opened read-only (a SQLite file this account may not write).</summary>
        public virtual bool ReadOnly => false;

        /// <summary>The StoreReadOnly error for this store: it "is read-only and <paramref name="what"/>".</summary>
        public PresenceSyncException ReadOnlyError(string what) =>
            new PresenceSyncException(new EngineError(ErrorIds.StoreReadOnly, ErrorKind.PermissionDenied,
                $"The PresenceSync store '{Display}' is read-only and {what}.", Display,
                "Make the file writable (and its folder, for the -wal and -shm files), or work on a copy with Set-PresenceSyncStore -Path."), fatal: true);

        /// <summary>Throws when the store is known to be gone before any work starts (a deleted SQLite file).</summary>
        public virtual void CheckStillThere() { }

        /// <summary>The error to report when <paramref name="ex"/> means the store refuses (disk full, read-only, I/O), else null.</summary>
        public abstract PresenceSyncException? Fault(System.Data.Common.DbException ex);

        /// <summary>Ends a transaction that was committed, or rolls it back.</summary>
        public virtual void EndTransaction(DbTransaction? tx) => tx?.Dispose();
    }
}
