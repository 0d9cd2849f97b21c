using PresenceSync.Emulator.Directory;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// The tenants one emulator hosts, in start order (the first is <see cref="GraphEmulator.State"/>).
/// The identity endpoints find a tenant by the id or domain in their path; Graph requests find it
/// by the tid claim of their token.
/// </summary>
internal sealed class TenantRegistry
{
    private readonly List<EmulatorState> _tenants;

    public TenantRegistry(IEnumerable<EmulatorState> tenants) => _tenants = tenants.ToList();

    public EmulatorState First => _tenants[0];
    public IReadOnlyList<EmulatorState> All => _tenants;

    /// <summary>The tenant named by its id or its verified domain (as in /{tenant}/oauth2/v2.0/token); null when unknown.</summary>
    public EmulatorState? Find(string? tenant)
    {
        if (string.IsNullOrEmpty(tenant)) return null;
        foreach (var t in _tenants)
            if (string.Equals(tenant, t.Directory.TenantId.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(tenant, t.Directory.DomainName, StringComparison.OrdinalIgnoreCase))
                return t;
        return null;
    }

    public EmulatorState? Find(Guid tenantId) => _tenants.FirstOrDefault(t => t.Directory.TenantId == tenantId);

    /// <summary>The tenant holding a user (by object id or UPN), for control routes that name only the user.</summary>
    public EmulatorState? TenantOfUser(string idOrUpn) => _tenants.FirstOrDefault(t => t.Directory.FindUser(idOrUpn) is not null);

    /// <summary>Refuses what would make tenants indistinguishable: a shared domain, tenant id, client id or user id.</summary>
    public static void CheckDistinct(IReadOnlyList<EmulatorState> tenants)
    {
        void Unique<T>(string what, Func<EmulatorState, T> key)
        {
            var dup = tenants.GroupBy(key).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw new ArgumentException($"Two tenants share the {what} '{dup.Key}': every tenant needs its own.");
        }
        Unique("domain name", t => t.Directory.DomainName.ToLowerInvariant());
        Unique("tenant id", t => t.Directory.TenantId);
        Unique("admin client id", t => t.AdminApp.AppId);
        var seen = new Dictionary<Guid, string>();
        foreach (var t in tenants)
            foreach (DirectoryUser u in t.Directory.AllUsers)
                if (!seen.TryAdd(u.Id, t.Directory.DomainName))
                    throw new ArgumentException($"User id {u.Id} exists in {seen[u.Id]} and {t.Directory.DomainName}: object ids are unique across tenants.");
    }
}
