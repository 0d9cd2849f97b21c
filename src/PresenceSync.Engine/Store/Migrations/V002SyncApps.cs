namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>The Azure app bound to each business unit, and where the directory sync left off.</summary>
    internal static class V002SyncApps
    {
        public static readonly Migration Migration = new Migration(2, "sync apps and directory sync", @"
-- One app per business unit: its client id is also the presence session id, so a unit has one.
-- No secret is ever stored in clear: protected_secret holds DPAPI output (Windows only) or is NULL.
CREATE TABLE sync_app (
    unit_id                     INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    display_name                TEXT,
    tenant_id                   TEXT NOT NULL,
    client_id                   TEXT NOT NULL,
    application_object_id       TEXT,
    credential_type             TEXT NOT NULL,
    secret_storage              TEXT NOT NULL,
    protected_secret            BLOB,
    secret_key_id               TEXT,
    certificate_thumbprint      TEXT,
    certificate_path            TEXT,
    managed_identity_client_id  TEXT,
    credential_expires_utc      TEXT,
    permissions                 TEXT NOT NULL DEFAULT '',
    authority_host              TEXT NOT NULL,
    graph_base_url              TEXT NOT NULL,
    server_certificate_thumbprint TEXT,
    presence_budget             INTEGER NOT NULL DEFAULT 1500,
    created_utc                 TEXT NOT NULL,
    updated_utc                 TEXT NOT NULL
);

CREATE TABLE directory_sync (
    unit_id        INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    delta_link     TEXT,
    last_full_utc  TEXT,
    last_sync_utc  TEXT
);
");
    }
}
