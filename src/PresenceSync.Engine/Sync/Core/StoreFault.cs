using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// A store that refuses to be written, reported as what it is, with a stable error id:
    /// StoreDiskFull, StoreReadOnly, StoreFileLost, or StoreWriteFailed for other I/O errors; the
    /// message holds the real cause, never a Graph error and never SQLite's follow-up complaint
    /// about a rollback without a transaction. On PostgreSQL the server's equivalents (disk full,
    /// a read-only database or replica, an I/O error) map to the same ids.
    /// </summary>
    internal static class StoreFault
    {
        public static PresenceSyncException Of(Exception ex, string path)
        {
            if (ex is PresenceSyncException known && IsStoreError(known.Error.ErrorId)) return known;
            var cause = Root(ex);
            var (id, reason, fix) = cause switch
            {
                SqliteException sqlite => Describe(sqlite, path),
                PostgresException pg when IsFault(pg) => Describe(pg),
                _ => (ErrorIds.StoreWriteFailed, cause.Message, Generic),
            };
            return new PresenceSyncException(new EngineError(id, ErrorKind.WriteError,
                $"The PresenceSync store '{path}' cannot be written: {reason}", path, fix), ex, fatal: true);
        }

        /// <summary>The store file is gone (deleted or moved while in use): writing on would go to a file nobody can open again.</summary>
        public static PresenceSyncException Lost(string path) =>
            new PresenceSyncException(new EngineError(ErrorIds.StoreFileLost, ErrorKind.ResourceUnavailable,
                $"The PresenceSync store '{path}' is gone: the file was deleted or moved while in use, so nothing more can be stored in it.", path,
                "Restore the file from a backup (or move it back), or start again with a new store; nothing was written to the lost file after this was noticed."),
                fatal: true);

        /// <summary>True for the SQLite errors that mean the file or its disk refuses, not a mistake in a statement.</summary>
        public static bool IsFault(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) switch
        {
            8 or 10 or 11 or 13 or 14 or 26 => true,
            _ => false,
        };

        /// <summary>True for the PostgreSQL errors that mean the server refuses to store, not a mistake in a statement.</summary>
        public static bool IsFault(PostgresException ex) => ex.SqlState switch
        {
            "53100" or "25006" or "58030" => true,
            _ => false,
        };

        public static bool IsStoreError(string errorId) =>
            errorId == ErrorIds.StoreWriteFailed || errorId == ErrorIds.StoreDiskFull || errorId == ErrorIds.StoreReadOnly || errorId == ErrorIds.StoreFileLost;

        private const string Generic = "Fix the cause, then start the sync again: what was stored is intact and the next run goes on from it.";

        private static Exception Root(Exception ex)
        {
            // SQLite reports a failed commit first; a rollback that then finds no transaction is only its echo.
            while (ex.InnerException != null && (ex is AggregateException || ex.Message.IndexOf("no transaction is active", StringComparison.OrdinalIgnoreCase) >= 0))
                ex = ex.InnerException;
            return ex;
        }

        private static (string Id, string Reason, string Fix) Describe(SqliteException ex, string path)
        {
            if (!File.Exists(path)) return (ErrorIds.StoreFileLost, "the file is gone (deleted or moved while in use): " + ex.Message, "Restore the file or start again with a new store.");
            return (ex.SqliteErrorCode & 0xFF) switch
            {
                13 => (ErrorIds.StoreDiskFull, $"the disk is full (SQLITE_FULL: {ex.Message})", "Free disk space, then start the sync again: what was stored is intact and the next run goes on from it."),
                8 => (ErrorIds.StoreReadOnly, $"the file is read-only (SQLITE_READONLY: {ex.Message})", "Make the store file and its folder writable for this account (chmod, chattr -i, a read-write mount), then start the sync again."),
                10 => (ErrorIds.StoreWriteFailed, "an I/O error (SQLITE_IOERR): " + ex.Message, Generic),
                14 => (ErrorIds.StoreWriteFailed, "the file cannot be opened (SQLITE_CANTOPEN): " + ex.Message, Generic),
                _ => (ErrorIds.StoreWriteFailed, ex.Message, Generic),
            };
        }

        private static (string Id, string Reason, string Fix) Describe(PostgresException ex) => ex.SqlState switch
        {
            "53100" => (ErrorIds.StoreDiskFull, $"the database server's disk is full (SQLSTATE 53100: {ex.MessageText})",
                "Free disk space on the database server, then start the sync again: what was stored is intact and the next run goes on from it."),
            "25006" => (ErrorIds.StoreReadOnly, $"the database is read-only (SQLSTATE 25006: {ex.MessageText})",
                "Connect to the primary server, not a read replica, and check default_transaction_read_only, then start the sync again."),
            _ => (ErrorIds.StoreWriteFailed, $"an I/O error on the database server (SQLSTATE {ex.SqlState}: {ex.MessageText})", Generic),
        };
    }
}
