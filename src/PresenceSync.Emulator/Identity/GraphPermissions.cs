namespace PresenceSync.Emulator.Identity;

/// <summary>
/// The Microsoft Graph permissions the emulator knows, with Graph's real ids so that scripts that
/// grant by id work against the emulator and a real tenant alike.
/// </summary>
public static class GraphPermissions
{
    public const string GraphAppId = "00000003-0000-0000-c000-000000000000";
    public const string GraphResource = "https://graph.microsoft.com";
    /// <summary>Issuer app of change-notification validation tokens (Microsoft Graph Change Tracking).</summary>
    public const string ChangeTrackingAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    /// <summary>Application permissions (app roles of the Microsoft Graph service principal).</summary>
    public static readonly IReadOnlyDictionary<string, Guid> AppRoles = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
    {
        ["Presence.Read.All"] = Guid.Parse("a70e0c2d-e793-494c-94c4-118fa0a67f42"),
        ["Presence.ReadWrite.All"] = Guid.Parse("83cded22-8297-4ff6-a7fa-e97e9545a259"),
        ["User.Read.All"] = Guid.Parse("df021288-bdef-4463-88db-98f22de89214"),
        ["User.ReadWrite.All"] = Guid.Parse("741f803b-c850-494e-b5df-cde7c675a1ca"),
        ["Directory.Read.All"] = Guid.Parse("7ab1d382-f21e-4acd-a863-ba3e13f7da61"),
        ["Directory.ReadWrite.All"] = Guid.Parse("19dbc75e-c2e2-444c-a770-ec69d8559fc7"),
        ["Application.Read.All"] = Guid.Parse("9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30"),
        ["Application.ReadWrite.All"] = Guid.Parse("1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9"),
        ["AppRoleAssignment.ReadWrite.All"] = Guid.Parse("06b708a9-e830-4db3-a914-8e69da51d44f"),
        ["DelegatedPermissionGrant.ReadWrite.All"] = Guid.Parse("8e8e4742-1d95-4f68-9d56-6ee75648c72a"),
    };

    /// <summary>Delegated permissions (oauth2PermissionScopes of the Microsoft Graph service principal).</summary>
    public static readonly IReadOnlyDictionary<string, Guid> Scopes = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
    {
        ["User.Read"] = Guid.Parse("e1fe6dd8-ba31-4d61-89e7-88639da4683d"),
        ["User.ReadBasic.All"] = Guid.Parse("b340eb25-3456-403f-be2f-af7a0d370277"),
        ["User.Read.All"] = Guid.Parse("a154be20-db9c-4678-8ab7-66f6cc099a59"),
        ["User.ReadWrite.All"] = Guid.Parse("204e0828-b5ca-4ad8-b9f3-f32a958e7cc4"),
        ["Presence.Read"] = Guid.Parse("76bc735e-aecd-4a1d-8b4c-2b915deabb79"),
        ["Presence.Read.All"] = Guid.Parse("9c7a330d-35b3-4aa1-963d-cb2b9f927841"),
        ["Presence.ReadWrite"] = Guid.Parse("8d3c54a7-cf58-4773-bf81-c0cd6ad522bb"),
        ["Application.ReadWrite.All"] = Guid.Parse("bdfbf15f-ee85-4955-8675-146e8e5296b5"),
        ["AppRoleAssignment.ReadWrite.All"] = Guid.Parse("84bccea3-f856-4a8a-967b-dbe0a3d53a64"),
        ["offline_access"] = Guid.Parse("7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
        ["openid"] = Guid.Parse("37f7f235-527c-4136-accd-4a02d197296e"),
        ["profile"] = Guid.Parse("14dad69e-099b-42c9-810b-d002981feec1"),
    };

    /// <summary>Everything the pre-registered admin app is granted (application permissions).</summary>
    public static readonly string[] AdminAppRoles =
    {
        "Presence.Read.All", "Presence.ReadWrite.All", "User.Read.All", "User.ReadWrite.All",
        "Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All",
    };

    /// <summary>Delegated scopes consented for all users on the pre-registered app.</summary>
    public const string AdminDelegatedScopes = "User.Read User.Read.All Presence.Read Presence.Read.All Presence.ReadWrite Application.ReadWrite.All AppRoleAssignment.ReadWrite.All offline_access openid profile";

    public static string? RoleName(Guid id) => AppRoles.FirstOrDefault(p => p.Value == id).Key;
}
