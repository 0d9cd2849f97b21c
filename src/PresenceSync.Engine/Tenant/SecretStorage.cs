namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Where a client secret lives. Never in the store in clear: DPAPI-protected on Windows;
    /// elsewhere only for the session, or read at run time from an environment variable.
    /// </summary>
    public enum SecretStorage
    {
        /// <summary>No secret: certificate or managed identity.</summary>
        None,

        /// <summary>Encrypted with DPAPI for the current Windows user and kept in the store.</summary>
        Dpapi,

        /// <summary>Held in memory by this PowerShell session only; give it again in the next one.</summary>
        Session,

        /// <summary>Read from PRESENCESYNC_CLIENT_SECRET (or PRESENCESYNC_CLIENT_SECRET_&lt;unit&gt;) when needed.</summary>
        Environment,
    }
}
