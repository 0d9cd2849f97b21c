using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// A store that refuses to be written, reported as what it is: the real cause (disk full,
    /// read-only, file gone), never a Graph error and never SQLite's follow-up complaint about a
    /// rollback without a transaction.
    /// </summary>
    internal static class StoreFault
    {
        public static PresenceSyncException Of(Exception ex, string path)
        {
            var cause = Root(ex);
            var reason = cause is SqliteException sqlite ? Describe(sqlite) : cause.Message;
            return new PresenceSyncException(new EngineError(ErrorIds.StoreWriteFailed, ErrorKind.WriteError,
                $"The PresenceSync store '{path}' cannot be written: {reason}", path,
                "Free disk space or fix the file's permissions, then start the sync again: what was stored is intact and the next run goes on from it."),
                ex, fatal: true);
        }

        private static Exception Root(Exception ex)
        {
            // SQLite reports a failed commit first; a rollback that then finds no transaction is only its echo.
            while (ex.InnerException != null && (ex is AggregateException || ex.Message.IndexOf("no transaction is active", StringComparison.OrdinalIgnoreCase) >= 0))
                ex = ex.InnerException;
            return ex;
        }

        private static string Describe(SqliteException ex) => ex.SqliteErrorCode switch
        {
            13 => "the disk is full (SQLITE_FULL).",
            8 => "the file is read-only (SQLITE_READONLY).",
            10 => "an I/O error (SQLITE_IOERR): " + ex.Message,
            14 => "the file cannot be opened (SQLITE_CANTOPEN): " + ex.Message,
            _ => ex.Message,
        };
    }
}
