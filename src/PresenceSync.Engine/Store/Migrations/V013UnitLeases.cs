namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>
    /// Issue 11 item 3: several sync hosts on one shared store. Each running host registers itself
    /// with a heartbeat (sync_host); each business unit is owned by at most one host at a time
    /// through a lease with a heartbeat (sync_unit_lease). An event records which host took it in
    /// (sync_event.recorder), so the owner of its unit knows whether it is news to it.
    /// </summary>
    internal static class V013UnitLeases
    {
        /// <summary>Plain SQL both backends read the same way (PostgreSQL maps INTEGER to its own integer).</summary>
        internal const string Sql = @"
CREATE TABLE sync_host (
    owner           TEXT PRIMARY KEY,
    host            TEXT NOT NULL,
    pid             INTEGER NOT NULL,
    started_utc     TEXT NOT NULL,
    heartbeat_utc   TEXT NOT NULL,
    units           TEXT NOT NULL DEFAULT '',
    stop_requested  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_unit_lease (
    unit_id         INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    owner           TEXT NOT NULL,
    host            TEXT NOT NULL,
    pid             INTEGER NOT NULL,
    since_utc       TEXT NOT NULL,
    heartbeat_utc   TEXT NOT NULL
);
ALTER TABLE sync_event ADD COLUMN recorder TEXT;
";

        public static readonly Migration Migration = new Migration(13, "unit leases", Sql);
    }
}
