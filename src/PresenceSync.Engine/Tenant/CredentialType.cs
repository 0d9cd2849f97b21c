namespace PresenceSync.Engine.Tenant
{
    /// <summary>How the app proves who it is to Entra ID.</summary>
    public enum CredentialType
    {
        ClientSecret,
        Certificate,
        ManagedIdentity,
    }
}
