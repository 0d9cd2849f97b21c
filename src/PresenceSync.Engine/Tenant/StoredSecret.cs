namespace PresenceSync.Engine.Tenant
{
    /// <summary>Where <see cref="SecretVault"/> put a secret: the kind, the DPAPI output or the entry's name; never the secret.</summary>
    internal sealed class StoredSecret
    {
        public StoredSecret(SecretStorage storage, byte[]? protectedSecret, string? reference)
        {
            Storage = storage;
            ProtectedSecret = protectedSecret;
            Reference = reference;
        }

        public SecretStorage Storage { get; }
        public byte[]? ProtectedSecret { get; }
        public string? Reference { get; }
    }
}
