namespace PresenceSync.Engine.Store.Migrations
{
    /// <summary>The SIP line-state source of each business unit (issue 12). Version 6 is this issue's; 4 and 5 belong to others.</summary>
    internal static class V008SipSources
    {
        public static readonly Migration Migration = new Migration(8, "sip sources", @"
-- One PBX per business unit: where its registrar is and how to sign in. No password is ever
-- stored in clear: protected_password holds DPAPI output (Windows only) or is NULL.
CREATE TABLE sip_source (
    unit_id             INTEGER PRIMARY KEY REFERENCES business_unit(id) ON DELETE CASCADE,
    registrar           TEXT NOT NULL,
    transport           TEXT NOT NULL,
    domain              TEXT,
    user_name           TEXT NOT NULL,
    password_storage    TEXT NOT NULL,
    protected_password  BLOB,
    state_map           TEXT NOT NULL,
    expires             INTEGER NOT NULL DEFAULT 600,
    resource_list       TEXT,
    local_address       TEXT,
    local_port          INTEGER NOT NULL DEFAULT 0,
    created_utc         TEXT NOT NULL,
    updated_utc         TEXT NOT NULL
);
");
    }
}
