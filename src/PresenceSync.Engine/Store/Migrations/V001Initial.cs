namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>Business units, agents, the Teams directory, mappings, rules and assignments.</summary>
    internal static class V001Initial
    {
        public static readonly Migration Migration = new Migration(1, "initial", @"
CREATE TABLE business_unit (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    description  TEXT,
    created_utc  TEXT NOT NULL
);
INSERT INTO business_unit (name, description, created_utc)
VALUES ('Default', 'Created with the store', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE agent (
    unit_id      INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    agent_id     TEXT NOT NULL COLLATE NOCASE,
    name         TEXT,
    email        TEXT COLLATE NOCASE,
    extension    TEXT,
    created_utc  TEXT NOT NULL,
    updated_utc  TEXT NOT NULL,
    PRIMARY KEY (unit_id, agent_id)
);
CREATE INDEX agent_email ON agent (unit_id, email);

CREATE TABLE agent_team (
    unit_id   INTEGER NOT NULL,
    agent_id  TEXT NOT NULL COLLATE NOCASE,
    team      TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (unit_id, agent_id, team),
    FOREIGN KEY (unit_id, agent_id) REFERENCES agent (unit_id, agent_id) ON DELETE CASCADE
);
CREATE INDEX agent_team_team ON agent_team (unit_id, team);

CREATE TABLE teams_user (
    unit_id          INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    user_id          TEXT NOT NULL,
    upn              TEXT NOT NULL COLLATE NOCASE,
    mail             TEXT COLLATE NOCASE,
    proxy_addresses  TEXT NOT NULL DEFAULT '',
    display_name     TEXT,
    account_enabled  INTEGER NOT NULL DEFAULT 1,
    deleted          INTEGER NOT NULL DEFAULT 0,
    updated_utc      TEXT NOT NULL,
    PRIMARY KEY (unit_id, user_id)
);

-- Every address a user can be matched on (UPN, mail, smtp proxies), lower-cased, for auto-mapping.
CREATE TABLE teams_user_address (
    unit_id  INTEGER NOT NULL,
    user_id  TEXT NOT NULL,
    address  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    FOREIGN KEY (unit_id, user_id) REFERENCES teams_user (unit_id, user_id) ON DELETE CASCADE
);
CREATE INDEX teams_user_address_lookup ON teams_user_address (unit_id, address);
CREATE INDEX teams_user_address_user ON teams_user_address (unit_id, user_id);

-- No foreign key to teams_user: a mapping outlives a directory re-import and is reported instead.
CREATE TABLE user_mapping (
    unit_id        INTEGER NOT NULL,
    agent_id       TEXT NOT NULL COLLATE NOCASE,
    teams_user_id  TEXT NOT NULL,
    source         TEXT NOT NULL,
    matched_on     TEXT NOT NULL,
    created_utc    TEXT NOT NULL,
    updated_utc    TEXT NOT NULL,
    PRIMARY KEY (unit_id, agent_id),
    UNIQUE (unit_id, teams_user_id),
    FOREIGN KEY (unit_id, agent_id) REFERENCES agent (unit_id, agent_id) ON DELETE CASCADE
);

CREATE TABLE rule (
    id                        INTEGER PRIMARY KEY,
    unit_id                   INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    name                      TEXT NOT NULL COLLATE NOCASE,
    description               TEXT,
    manual_status_policy      TEXT NOT NULL,
    manual_override_seconds   INTEGER NOT NULL,
    internal_calls            TEXT NOT NULL,
    created_utc               TEXT NOT NULL,
    updated_utc               TEXT NOT NULL,
    UNIQUE (unit_id, name)
);

CREATE TABLE rule_row (
    rule_id               INTEGER NOT NULL REFERENCES rule(id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    direction             TEXT NOT NULL,
    acd_state             TEXT NOT NULL,
    target_kind           TEXT,
    availability          TEXT,
    activity              TEXT,
    only_when_acd_state   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (rule_id, position)
);

CREATE TABLE rule_assignment (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    rule_id      INTEGER NOT NULL REFERENCES rule(id),
    scope        TEXT NOT NULL,
    subject      TEXT NOT NULL COLLATE NOCASE,
    priority     INTEGER NOT NULL DEFAULT 100,
    created_utc  TEXT NOT NULL,
    UNIQUE (unit_id, scope, subject)
);
");
    }
}
