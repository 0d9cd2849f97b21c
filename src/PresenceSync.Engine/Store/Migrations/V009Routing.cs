namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>
    /// Routing decisions from Teams presence (issue 10): policies with ordered rows, services
    /// (queues) with a policy, and the agents and ACD teams assigned to them. The rule_row columns
    /// are the same issue's status messages and minimum durations on rows towards Teams.
    /// </summary>
    internal static class V009Routing
    {
        public static readonly Migration Migration = new Migration(9, "routing", @"
CREATE TABLE routing_policy (
    id                     INTEGER PRIMARY KEY,
    unit_id                INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    name                   TEXT NOT NULL COLLATE NOCASE,
    description            TEXT,
    default_decision       TEXT NOT NULL,
    acd_contact_states     TEXT NOT NULL DEFAULT '',
    max_teams_age_seconds  INTEGER,
    when_stale             TEXT NOT NULL,
    created_utc            TEXT NOT NULL,
    updated_utc            TEXT NOT NULL,
    UNIQUE (unit_id, name)
);

-- fallback = 1: the rows used instead while the Teams view is stale.
CREATE TABLE routing_policy_row (
    policy_id            INTEGER NOT NULL REFERENCES routing_policy(id) ON DELETE CASCADE,
    fallback             INTEGER NOT NULL,
    position             INTEGER NOT NULL,
    availability         TEXT NOT NULL,
    activity             TEXT NOT NULL,
    decision             TEXT NOT NULL,
    only_when_acd_state  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (policy_id, fallback, position)
);

CREATE TABLE routing_service (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    name         TEXT NOT NULL COLLATE NOCASE,
    policy_id    INTEGER NOT NULL REFERENCES routing_policy(id),
    description  TEXT,
    created_utc  TEXT NOT NULL,
    updated_utc  TEXT NOT NULL,
    UNIQUE (unit_id, name)
);

-- No foreign key to agent: like rule assignments, an assignment waits for agents that join later.
CREATE TABLE routing_assignment (
    id           INTEGER PRIMARY KEY,
    service_id   INTEGER NOT NULL REFERENCES routing_service(id) ON DELETE CASCADE,
    scope        TEXT NOT NULL,
    subject      TEXT NOT NULL COLLATE NOCASE,
    policy_id    INTEGER REFERENCES routing_policy(id),
    priority     INTEGER NOT NULL DEFAULT 100,
    created_utc  TEXT NOT NULL,
    UNIQUE (service_id, scope, subject)
);
CREATE INDEX routing_assignment_subject ON routing_assignment (scope, subject);

-- A running sync reloads its routing view when any of it changes.
CREATE TRIGGER routing_policy_config_insert AFTER INSERT ON routing_policy BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER routing_policy_config_update AFTER UPDATE ON routing_policy BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER routing_policy_config_delete AFTER DELETE ON routing_policy BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER routing_service_config_insert AFTER INSERT ON routing_service BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER routing_service_config_update AFTER UPDATE ON routing_service BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = NEW.unit_id; END;
CREATE TRIGGER routing_service_config_delete AFTER DELETE ON routing_service BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = OLD.unit_id; END;
CREATE TRIGGER routing_assignment_config_insert AFTER INSERT ON routing_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = (SELECT unit_id FROM routing_service WHERE id = NEW.service_id); END;
CREATE TRIGGER routing_assignment_config_update AFTER UPDATE ON routing_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = (SELECT unit_id FROM routing_service WHERE id = NEW.service_id); END;
CREATE TRIGGER routing_assignment_config_delete AFTER DELETE ON routing_assignment BEGIN UPDATE unit_config SET version = version + 1 WHERE unit_id = (SELECT unit_id FROM routing_service WHERE id = OLD.service_id); END;

-- Rows towards Teams: a status message (text with placeholders, optional expiry) and a minimum
-- duration the ACD state must last before it is written.
ALTER TABLE rule_row ADD COLUMN status_message TEXT;
ALTER TABLE rule_row ADD COLUMN status_message_expiry_seconds INTEGER;
ALTER TABLE rule_row ADD COLUMN minimum_duration_seconds INTEGER;
");
    }
}
