namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Where a credential's secret (a client secret, or the password of a PFX) lives. Never in the
    /// store in clear: DPAPI-protected on Windows, the Keychain on macOS, the Secret Service keyring
    /// on Linux where one is reachable, else a file only the owner can read; or not stored at all.
    /// </summary>
    public enum SecretStorage
    {
        /// <summary>No secret: a certificate without a password, or a managed identity.</summary>
        None,

        /// <summary>Encrypted with DPAPI for the current Windows user and kept in the store.</summary>
        Dpapi,

        /// <summary>Held in memory by this PowerShell session only; give it again in the next one.</summary>
        Session,

        /// <summary>Read from PRESENCESYNC_CLIENT_SECRET (or PRESENCESYNC_CLIENT_SECRET_&lt;unit&gt;) when needed.</summary>
        Environment,

        /// <summary>In the user's macOS Keychain.</summary>
        Keychain,

        /// <summary>In the user's Secret Service keyring (GNOME Keyring, KWallet) on Linux.</summary>
        Keyring,

        /// <summary>
        /// In a file only the owner can read (mode 0600 in a 0700 folder), not encrypted: the fallback
        /// where no keyring is reachable, the trade-off the Azure CLI makes.
        /// </summary>
        OwnerOnlyFile,
    }
}
