namespace PresenceSync.Engine.Tenant
{
    /// <summary>Where the engine learnt when an app's credential expires.</summary>
    public enum CredentialExpirySource
    {
        /// <summary>Not known: a secret recorded without -SecretExpiresUtc, and the app may not read its own registration.</summary>
        Unknown,

        /// <summary>From the application's passwordCredentials or keyCredentials in Graph (registration, rotation, Test-PresenceSyncApp).</summary>
        Graph,

        /// <summary>From the certificate itself (its NotAfter).</summary>
        Certificate,

        /// <summary>Given by the admin (-SecretExpiresUtc).</summary>
        Recorded,

        /// <summary>A managed identity: nothing expires or needs rotating.</summary>
        NotApplicable,
    }
}
