namespace PresenceSync.Emulator.Directory;

public sealed class OAuth2PermissionGrant
{
    public string Id { get; init; } = "";
    public Guid ClientId { get; init; }
    public string ConsentType { get; init; } = "AllPrincipals";
    public Guid? PrincipalId { get; init; }
    public Guid ResourceId { get; init; }
    public string Scope { get; set; } = "";
}
