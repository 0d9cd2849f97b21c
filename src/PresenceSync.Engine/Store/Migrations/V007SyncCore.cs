namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>
    /// The event-driven sync: a per-unit count of configuration changes (so a running sync reloads
    /// only when something changed), status per app and per source, and the app behind each write.
    /// </summary>
    internal static class V007SyncCore
    {
        public static readonly Migration Migration = new Migration(7, "event-driven sync", @"
-- Bumped by triggers on every change a running sync must see: agents, teams, mappings, rules, assignments, apps.
CREATE TABLE unit_config (
    unit_id  INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    version  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO unit_config (unit_id) SELECT id FROM business_unit;
CREATE TRIGGER unit_config_new AFTER INSERT ON business_unit BEGIN INSERT INTO unit_config (unit_id) VALUES (NEW.id); END;
CREATE TRIGGER agent_config_insert AFTER INSERT ON agent BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER agent_config_delete AFTER DELETE ON agent BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER agent_team_config_insert AFTER INSERT ON agent_team BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER agent_team_config_delete AFTER DELETE ON agent_team BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER mapping_config_insert AFTER INSERT ON user_mapping BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER mapping_config_update AFTER UPDATE ON user_mapping BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER mapping_config_delete AFTER DELETE ON user_mapping BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER rule_config_insert AFTER INSERT ON rule BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER rule_config_update AFTER UPDATE ON rule BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER rule_config_delete AFTER DELETE ON rule BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER rule_row_config_insert AFTER INSERT ON rule_row BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = (SELECT unit_id FROM rule WHERE id = NEW.rule_id); END;
CREATE TRIGGER rule_row_config_delete AFTER DELETE ON rule_row BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = (SELECT unit_id FROM rule WHERE id = OLD.rule_id); END;
CREATE TRIGGER assignment_config_insert AFTER INSERT ON rule_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER assignment_config_update AFTER UPDATE ON rule_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER app_config_insert AFTER INSERT ON sync_app BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER app_config_delete AFTER DELETE ON sync_app BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER assignment_config_delete AFTER DELETE ON rule_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;

ALTER TABLE sync_history ADD COLUMN app TEXT;
ALTER TABLE sync_status ADD COLUMN started_utc TEXT;
ALTER TABLE sync_status ADD COLUMN teams_stale_since_utc TEXT;
ALTER TABLE sync_status ADD COLUMN teams_error TEXT;
ALTER TABLE sync_status ADD COLUMN acd_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_status ADD COLUMN failed_writes INTEGER NOT NULL DEFAULT 0;

-- Per app of a unit: its share of the Graph budget and its write queue, as of the last status write.
CREATE TABLE sync_app_status (
    unit_id         INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    client_id       TEXT NOT NULL,
    agents          INTEGER NOT NULL,
    budget_used     INTEGER NOT NULL,
    budget          INTEGER NOT NULL,
    queue_length    INTEGER NOT NULL,
    oldest_wait_ms  INTEGER NOT NULL,
    writes          INTEGER NOT NULL,
    requests        INTEGER NOT NULL,
    throttled       INTEGER NOT NULL,
    updated_utc     TEXT NOT NULL,
    PRIMARY KEY (unit_id, client_id)
);

-- Each source of the running sync (the event endpoint, the store intake, a SIP extension, ...).
CREATE TABLE sync_source_status (
    source      TEXT NOT NULL,
    item        TEXT NOT NULL DEFAULT '',
    healthy     INTEGER NOT NULL,
    error_id    TEXT,
    detail      TEXT,
    time_utc    TEXT NOT NULL,
    PRIMARY KEY (source, item)
);
");
    }
}
