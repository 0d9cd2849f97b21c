namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Secrets the host keeps for the life of a session only (given by parameter), for systems
    /// where the engine cannot keep a secret at rest. Keyed by the app's client id, since units
    /// that record the same app share its credential.
    /// </summary>
    public interface ISessionSecrets
    {
        string? Get(string clientId);

        void Set(string clientId, string secret);

        void Remove(string clientId);
    }
}
