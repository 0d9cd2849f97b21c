namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>The sync: agent states, what the engine holds in Teams, events, history, the run lock, status.</summary>
    internal static class V003Sync
    {
        public static readonly Migration Migration = new Migration(3, "sync", @"
-- Every input the sync received: ACD events (pipeline, HTTP) and the Teams changes it acted on.
CREATE TABLE sync_event (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    received_utc  TEXT NOT NULL,
    source        TEXT NOT NULL,
    agent_id      TEXT,
    state         TEXT,
    reason        TEXT,
    call_type     TEXT,
    event_utc     TEXT,
    status        TEXT NOT NULL,
    error_id      TEXT,
    detail        TEXT
);
CREATE INDEX sync_event_time ON sync_event (unit_id, received_utc);

-- Per agent: the ACD state, what the engine holds in Teams (so it never writes twice and always
-- cleans up), the last Teams state seen, and a write announced before it is made (crash safety).
CREATE TABLE agent_sync (
    unit_id               INTEGER NOT NULL,
    agent_id              TEXT NOT NULL COLLATE NOCASE,
    acd_state             TEXT,
    rule_state            TEXT,
    acd_event_id          INTEGER,
    acd_state_utc         TEXT,
    acd_by_engine         INTEGER NOT NULL DEFAULT 0,
    teams_user_id         TEXT,
    session_state         TEXT,
    session_written_utc   TEXT,
    session_expires_utc   TEXT,
    preferred_state       TEXT,
    preferred_expires_utc TEXT,
    pending_write         TEXT,
    cleared_utc           TEXT,
    teams_state           TEXT,
    teams_sequence        TEXT,
    teams_seen_utc        TEXT,
    manual_hold           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, agent_id),
    FOREIGN KEY (unit_id) REFERENCES business_unit(id) ON DELETE CASCADE
);

CREATE TABLE sync_history (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    time_utc      TEXT NOT NULL,
    agent_id      TEXT,
    direction     TEXT NOT NULL,
    event_id      INTEGER,
    rule          TEXT,
    row_position  INTEGER,
    before        TEXT,
    after         TEXT,
    operation     TEXT,
    result        TEXT,
    latency_ms    INTEGER,
    detail        TEXT
);
CREATE INDEX sync_history_time ON sync_history (unit_id, time_utc);
CREATE INDEX sync_history_agent ON sync_history (unit_id, agent_id, time_utc);

-- One sync per store: the row names the owner; a stale heartbeat or a dead process frees it.
CREATE TABLE sync_lock (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    owner           TEXT NOT NULL,
    host            TEXT NOT NULL,
    pid             INTEGER NOT NULL,
    started_utc     TEXT NOT NULL,
    heartbeat_utc   TEXT NOT NULL,
    stop_requested  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sync_status (
    unit_id         INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    last_pass_utc   TEXT NOT NULL,
    pass_ms         INTEGER NOT NULL,
    agents          INTEGER NOT NULL,
    in_sync         INTEGER NOT NULL,
    manual_hold     INTEGER NOT NULL,
    pending         INTEGER NOT NULL,
    teams_writes    INTEGER NOT NULL,
    acd_changes     INTEGER NOT NULL,
    graph_requests  INTEGER NOT NULL,
    throttled       INTEGER NOT NULL,
    budget_used     INTEGER NOT NULL,
    budget          INTEGER NOT NULL,
    errors          INTEGER NOT NULL,
    last_error      TEXT
);
");
    }
}
