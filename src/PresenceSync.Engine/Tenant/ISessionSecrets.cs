namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Client secrets the host keeps for the life of a session only (given by parameter), for
    /// systems where the engine cannot protect a secret at rest. Keyed by business unit.
    /// </summary>
    public interface ISessionSecrets
    {
        string? Get(string businessUnit);

        void Set(string businessUnit, string secret);

        void Remove(string businessUnit);
    }
}
