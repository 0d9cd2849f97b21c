namespace PresenceSync.Engine.Tenant
{
    public enum RetiredCredentialKind
    {
        /// <summary>A client secret (passwordCredential): removed with removePassword.</summary>
        Secret,

        /// <summary>A certificate (keyCredential): removed with removeKey, which the app may do itself.</summary>
        Certificate,
    }
}
