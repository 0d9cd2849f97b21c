using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// GET /msi/token: the local managed-identity endpoint of App Service and Azure Automation
/// (protocol 2019-08-01), which ManagedIdentityCredential calls when IDENTITY_ENDPOINT and
/// IDENTITY_HEADER are set: X-IDENTITY-HEADER must carry the host secret, resource must be
/// Microsoft Graph, and client_id (optional) must name the identity. The token is app-only, with
/// the Graph app roles granted to the identity's service principal at issue time.
/// </summary>
internal static class ManagedIdentityEndpoint
{
    public const string Path = "/msi/token";

    /// <summary>One endpoint for the host; the identity header names the identity, and so its tenant.</summary>
    public static void Map(WebApplication app, Hosting.TenantRegistry tenants) =>
        app.MapGet(Path, (HttpContext ctx) =>
        {
            var header = ctx.Request.Headers["X-IDENTITY-HEADER"].FirstOrDefault();
            var s = tenants.All.FirstOrDefault(t => t.ManagedIdentities.FindByHeader(header) is not null) ?? tenants.First;
            return Token(s, ctx);
        }).WithMetadata(new IdentityOperation("managed_identity"));

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description, ["statusCode"] = status }, statusCode: status);

    private static IResult Token(EmulatorState s, HttpContext ctx)
    {
        s.Statistics.RecordTokenRequest("managed_identity");
        var q = ctx.Request.Query;
        if (s.ManagedIdentities.FindByHeader(ctx.Request.Headers["X-IDENTITY-HEADER"].FirstOrDefault()) is not { } identity)
            return Error(401, "invalid_request", "The X-IDENTITY-HEADER header is missing or does not match this host's secret.");
        if ((string?)q["api-version"] != "2019-08-01")
            return Error(400, "invalid_request", "api-version must be 2019-08-01.");
        var resource = ((string?)q["resource"] ?? "").TrimEnd('/');
        if (resource is not (GraphPermissions.GraphResource or GraphPermissions.GraphAppId))
            return Error(400, "invalid_resource", $"AADSTS500011: The resource principal named {resource} was not found in the tenant.");
        if ((string?)q["client_id"] is { Length: > 0 } clientId && !string.Equals(clientId, identity.ClientId.ToString(), StringComparison.OrdinalIgnoreCase))
            return Error(400, "invalid_request", $"No managed identity with client id '{clientId}' is assigned to this host.");
        if ((string?)q["principal_id"] is { Length: > 0 } principalId && !string.Equals(principalId, identity.PrincipalId.ToString(), StringComparison.OrdinalIgnoreCase))
            return Error(400, "invalid_request", $"No managed identity with object id '{principalId}' is assigned to this host.");

        var sp = s.Directory.FindServicePrincipalByAppId(identity.ClientId)!;
        var roles = s.Directory.GrantedAppRoles(identity.ClientId);
        roles.ExceptWith(s.Faults.RevokedPermissions(identity.ClientId));
        var expiresOn = s.Clock.UtcNow + s.Tokens.Lifetime;
        return Results.Json(new JsonObject
        {
            ["access_token"] = s.Tokens.IssueAppToken(identity.ClientId, identity.DisplayName, sp, roles),
            ["expires_on"] = expiresOn.ToUnixTimeSeconds().ToString(),
            ["resource"] = (string?)q["resource"],
            ["token_type"] = "Bearer",
            ["client_id"] = identity.ClientId.ToString(),
        });
    }
}
