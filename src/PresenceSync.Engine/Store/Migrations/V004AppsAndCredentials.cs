namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>
    /// Several apps per business unit, credentials shared by client id (so a rotation in one unit is
    /// seen by all) with a version a running sync can watch, credentials retired after a grace
    /// period, and the stable assignment of agents to a unit's apps.
    /// </summary>
    internal static class V004AppsAndCredentials
    {
        public static readonly Migration Migration = new Migration(4, "apps and credentials", @"
-- One credential per app registration (client id), whichever units record the app. The secret (a
-- client secret, or the password of a PFX) is never here in clear: protected_secret holds DPAPI
-- output (Windows); secret_ref names the entry in the macOS Keychain, the Secret Service keyring
-- or the owner-only file that holds it. version grows with every change of the credential.
CREATE TABLE app_credential (
    id                          INTEGER PRIMARY KEY,
    uid                         TEXT NOT NULL UNIQUE,
    client_id                   TEXT NOT NULL COLLATE NOCASE UNIQUE,
    application_object_id       TEXT,
    credential_type             TEXT NOT NULL,
    secret_storage              TEXT NOT NULL,
    protected_secret            BLOB,
    secret_ref                  TEXT,
    secret_key_id               TEXT,
    certificate_thumbprint      TEXT,
    certificate_path            TEXT,
    managed_identity_client_id  TEXT,
    credential_expires_utc      TEXT,
    expiry_source               TEXT,
    version                     INTEGER NOT NULL DEFAULT 1,
    updated_utc                 TEXT NOT NULL
);

-- Units that recorded the same client id keep the newest credential of them.
INSERT INTO app_credential (uid, client_id, application_object_id, credential_type, secret_storage, protected_secret, secret_key_id,
    certificate_thumbprint, certificate_path, managed_identity_client_id, credential_expires_utc, expiry_source, version, updated_utc)
SELECT lower(hex(randomblob(16))), s.client_id, s.application_object_id, s.credential_type, s.secret_storage, s.protected_secret, s.secret_key_id,
    s.certificate_thumbprint, s.certificate_path, s.managed_identity_client_id, s.credential_expires_utc,
    CASE WHEN s.credential_expires_utc IS NULL THEN NULL WHEN s.credential_type = 'Certificate' THEN 'Certificate'
         WHEN s.application_object_id IS NOT NULL THEN 'Graph' ELSE 'Recorded' END,
    1, s.updated_utc
FROM sync_app s
WHERE s.unit_id = (SELECT s2.unit_id FROM sync_app s2 WHERE lower(s2.client_id) = lower(s.client_id) ORDER BY s2.updated_utc DESC, s2.unit_id LIMIT 1);

-- A unit may now have several apps (each its own presence session id and budget); one tenant per unit.
CREATE TABLE sync_app_v4 (
    id                            INTEGER PRIMARY KEY,
    unit_id                       INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    credential_id                 INTEGER NOT NULL REFERENCES app_credential(id),
    display_name                  TEXT,
    tenant_id                     TEXT NOT NULL,
    client_id                     TEXT NOT NULL COLLATE NOCASE,
    permissions                   TEXT NOT NULL DEFAULT '',
    authority_host                TEXT NOT NULL,
    graph_base_url                TEXT NOT NULL,
    server_certificate_thumbprint TEXT,
    presence_budget               INTEGER NOT NULL DEFAULT 1500,
    created_utc                   TEXT NOT NULL,
    updated_utc                   TEXT NOT NULL,
    UNIQUE (unit_id, client_id)
);
INSERT INTO sync_app_v4 (unit_id, credential_id, display_name, tenant_id, client_id, permissions, authority_host, graph_base_url,
    server_certificate_thumbprint, presence_budget, created_utc, updated_utc)
SELECT s.unit_id, c.id, s.display_name, s.tenant_id, s.client_id, s.permissions, s.authority_host, s.graph_base_url,
    s.server_certificate_thumbprint, s.presence_budget, s.created_utc, s.updated_utc
FROM sync_app s JOIN app_credential c ON c.client_id = s.client_id;
DROP TABLE sync_app;
ALTER TABLE sync_app_v4 RENAME TO sync_app;
CREATE INDEX sync_app_credential ON sync_app (credential_id);

-- Credentials replaced by a rotation, kept valid in Entra ID until remove_after_utc (one token
-- lifetime by default) so that a sync still holding a token or the old record never fails; the old
-- secret stays where it was kept until the credential is removed from the app.
CREATE TABLE retired_credential (
    id                      INTEGER PRIMARY KEY,
    credential_id           INTEGER NOT NULL REFERENCES app_credential(id) ON DELETE CASCADE,
    kind                    TEXT NOT NULL,
    key_id                  TEXT,
    secret_storage          TEXT,
    protected_secret        BLOB,
    secret_ref              TEXT,
    certificate_thumbprint  TEXT,
    certificate_path        TEXT,
    retired_utc             TEXT NOT NULL,
    remove_after_utc        TEXT NOT NULL,
    removed_utc             TEXT,
    last_attempt_utc        TEXT,
    last_error              TEXT
);
CREATE INDEX retired_credential_due ON retired_credential (credential_id, removed_utc);

-- Which app an agent writes through. Stable: an agent keeps its app (and so its presence session,
-- whose id is the app's client id) until that app is removed. The presence session that
-- agent_sync.session_state records is held through this app. No key to agent: an agent that left
-- may still hold a session that must be cleared through the app that set it.
CREATE TABLE agent_app (
    unit_id       INTEGER NOT NULL REFERENCES business_unit(id) ON DELETE CASCADE,
    agent_id      TEXT NOT NULL COLLATE NOCASE,
    app_id        INTEGER NOT NULL REFERENCES sync_app(id) ON DELETE CASCADE,
    assigned_utc  TEXT NOT NULL,
    PRIMARY KEY (unit_id, agent_id)
);
CREATE INDEX agent_app_app ON agent_app (app_id);
INSERT INTO agent_app (unit_id, agent_id, app_id, assigned_utc)
SELECT a.unit_id, a.agent_id, s.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT unit_id, agent_id FROM agent UNION SELECT unit_id, agent_id FROM agent_sync) a
JOIN sync_app s ON s.unit_id = a.unit_id;
");
    }
}
