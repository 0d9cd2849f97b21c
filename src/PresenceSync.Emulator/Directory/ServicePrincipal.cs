namespace PresenceSync.Emulator.Directory;

/// <summary>A service principal: the app's identity in this tenant, holder of its grants.</summary>
public sealed class ServicePrincipal
{
    public Guid Id { get; init; }
    public Guid AppId { get; init; }
    public string DisplayName { get; set; } = "";
    /// <summary>Only the Microsoft Graph service principal publishes roles and scopes here.</summary>
    public Dictionary<string, Guid> AppRoles { get; init; } = new();
    public Dictionary<string, Guid> Scopes { get; init; } = new();
}

public sealed class AppRoleAssignment
{
    public Guid Id { get; init; }
    public Guid PrincipalId { get; init; }
    public Guid ResourceId { get; init; }
    public Guid AppRoleId { get; init; }
    public DateTimeOffset CreatedDateTime { get; init; }
}

public sealed class OAuth2PermissionGrant
{
    public string Id { get; init; } = "";
    public Guid ClientId { get; init; }
    public string ConsentType { get; init; } = "AllPrincipals";
    public Guid? PrincipalId { get; init; }
    public Guid ResourceId { get; init; }
    public string Scope { get; set; } = "";
}
