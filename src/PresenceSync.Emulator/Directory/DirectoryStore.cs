using System.Security.Cryptography;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// The tenant's directory: users, applications, service principals and their grants. All access
/// goes through <see cref="Gate"/>: the emulator favours obvious correctness over concurrency.
/// </summary>
public sealed class DirectoryStore
{
    private readonly List<DirectoryUser> _users = new();
    private readonly Dictionary<Guid, DirectoryUser> _byId = new();
    private readonly Dictionary<string, DirectoryUser> _byUpn = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public object Gate { get; } = new();
    public string DomainName { get; }
    public Guid TenantId { get; }
    public List<AppRegistration> Applications { get; } = new();
    public List<ServicePrincipal> ServicePrincipals { get; } = new();
    public List<AppRoleAssignment> AppRoleAssignments { get; } = new();
    public List<OAuth2PermissionGrant> PermissionGrants { get; } = new();
    public ServicePrincipal GraphServicePrincipal { get; }

    public DirectoryStore(Guid tenantId, string domainName)
    {
        TenantId = tenantId;
        DomainName = domainName;
        GraphServicePrincipal = new ServicePrincipal
        {
            Id = DeterministicGuid("graph-sp:" + tenantId),
            AppId = Guid.Parse(GraphPermissions.GraphAppId),
            DisplayName = "Microsoft Graph",
            AppRoles = GraphPermissions.AppRoles.ToDictionary(p => p.Key, p => p.Value),
            Scopes = GraphPermissions.Scopes.ToDictionary(p => p.Key, p => p.Value),
        };
        ServicePrincipals.Add(GraphServicePrincipal);
    }

    public long CurrentVersion { get { lock (Gate) return _version; } }

    /// <summary>Live and deleted users in creation order (callers filter Deleted).</summary>
    public IReadOnlyList<DirectoryUser> AllUsers { get { lock (Gate) return _users.ToList(); } }

    public DirectoryUser? FindUser(string idOrUpn)
    {
        lock (Gate)
        {
            if (Guid.TryParse(idOrUpn, out var id))
                return _byId.TryGetValue(id, out var u) && !u.Deleted ? u : null;
            return _byUpn.TryGetValue(idOrUpn, out var byUpn) && !byUpn.Deleted ? byUpn : null;
        }
    }

    public DirectoryUser? FindUser(Guid id)
    {
        lock (Gate) return _byId.TryGetValue(id, out var u) && !u.Deleted ? u : null;
    }

    public bool UpnTaken(string upn)
    {
        lock (Gate) return _byUpn.TryGetValue(upn, out var u) && !u.Deleted;
    }

    public void AddUser(DirectoryUser user)
    {
        lock (Gate)
        {
            user.Version = ++_version;
            _users.Add(user);
            _byId[user.Id] = user;
            _byUpn[user.UserPrincipalName] = user;
        }
    }

    /// <summary>Records a change so that the next delta round returns the user.</summary>
    public void Touch(DirectoryUser user)
    {
        lock (Gate)
        {
            user.Version = ++_version;
            _byUpn[user.UserPrincipalName] = user;
        }
    }

    public AppRegistration? FindApplicationByAppId(Guid appId)
    {
        lock (Gate) return Applications.FirstOrDefault(a => a.AppId == appId);
    }

    public ServicePrincipal? FindServicePrincipalByAppId(Guid appId)
    {
        lock (Gate) return ServicePrincipals.FirstOrDefault(s => s.AppId == appId);
    }

    /// <summary>Application permissions the app's service principal holds on Microsoft Graph.</summary>
    public HashSet<string> GrantedAppRoles(Guid appId)
    {
        lock (Gate)
        {
            var sp = FindServicePrincipalByAppId(appId);
            var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (sp is null) return roles;
            foreach (var a in AppRoleAssignments.Where(a => a.PrincipalId == sp.Id && a.ResourceId == GraphServicePrincipal.Id))
                if (GraphPermissions.RoleName(a.AppRoleId) is { } name) roles.Add(name);
            return roles;
        }
    }

    /// <summary>Delegated scopes consented for this app and user (tenant-wide or for the user).</summary>
    public HashSet<string> ConsentedScopes(Guid appId, Guid userId)
    {
        lock (Gate)
        {
            var sp = FindServicePrincipalByAppId(appId);
            var scopes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (sp is null) return scopes;
            foreach (var g in PermissionGrants.Where(g => g.ClientId == sp.Id && g.ResourceId == GraphServicePrincipal.Id
                                                         && (g.ConsentType == "AllPrincipals" || g.PrincipalId == userId)))
                foreach (var s in g.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)) scopes.Add(s);
            return scopes;
        }
    }

    public static Guid DeterministicGuid(string seed)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40); // version 4 layout, so it looks like an Entra id
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
