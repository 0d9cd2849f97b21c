namespace PresenceSync.Emulator.Directory;

/// <summary>A service principal: the app's identity in this tenant, holder of its grants.</summary>
public sealed class ServicePrincipal
{
    public Guid Id { get; init; }
    public Guid AppId { get; init; }
    public string DisplayName { get; set; } = "";
    /// <summary>"Application" for an app registration's principal, "ManagedIdentity" for a managed identity (no application object).</summary>
    public string ServicePrincipalType { get; init; } = "Application";
    /// <summary>Only the Microsoft Graph service principal publishes roles and scopes here.</summary>
    public Dictionary<string, Guid> AppRoles { get; init; } = new();
    public Dictionary<string, Guid> Scopes { get; init; } = new();
}
