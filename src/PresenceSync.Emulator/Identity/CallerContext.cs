namespace PresenceSync.Emulator.Identity;

/// <summary>Who is calling Graph, as proven by a validated access token.</summary>
public sealed class CallerContext
{
    public Guid AppId { get; init; }
    /// <summary>True for client-credential tokens (roles); false for delegated tokens (scp).</summary>
    public bool IsAppOnly { get; init; }
    public Guid? UserId { get; init; }
    public string? UserPrincipalName { get; init; }
    public HashSet<string> Roles { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Scopes { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the token carries one of the application roles (app-only) or scopes (delegated).</summary>
    public bool Has(IEnumerable<string> appRoles, IEnumerable<string> delegatedScopes) =>
        IsAppOnly ? appRoles.Any(Roles.Contains) : delegatedScopes.Any(Scopes.Contains);
}
