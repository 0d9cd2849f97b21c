using System.Security.Cryptography;
using PresenceSync.Emulator.Directory;

namespace PresenceSync.Emulator.Identity;

/// <summary>The managed identities of the tenant, created through the control API (Azure creates them, not Graph).</summary>
public sealed class ManagedIdentityStore
{
    private readonly object _gate = new();
    private readonly List<ManagedIdentity> _identities = new();

    /// <summary>Creates the identity and its service principal (servicePrincipalType ManagedIdentity), without any app role.</summary>
    public ManagedIdentity Create(DirectoryStore directory, string displayName)
    {
        var identity = new ManagedIdentity(Guid.NewGuid(), Guid.NewGuid(), displayName, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        lock (directory.Gate)
            directory.ServicePrincipals.Add(new ServicePrincipal
            {
                Id = identity.PrincipalId, AppId = identity.ClientId, DisplayName = displayName, ServicePrincipalType = "ManagedIdentity",
            });
        lock (_gate) _identities.Add(identity);
        return identity;
    }

    public IReadOnlyList<ManagedIdentity> All { get { lock (_gate) return _identities.ToList(); } }

    /// <summary>The identity whose host secret this is (each identity stands for one host here).</summary>
    public ManagedIdentity? FindByHeader(string? header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        lock (_gate) return _identities.FirstOrDefault(i => CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(i.IdentityHeader), System.Text.Encoding.UTF8.GetBytes(header)));
    }
}
