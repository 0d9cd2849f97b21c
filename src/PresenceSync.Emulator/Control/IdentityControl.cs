using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// Device-code sign-in without a browser (approve a pending code as a user), managed identities,
/// and identity faults: revoked permissions and expired secrets.
/// </summary>
internal static class IdentityControl
{
    public static void Map(RouteGroupBuilder c, EmulatorState s)
    {
        c.MapGet("/devicecodes", () => ControlEndpoints.Json(new JsonArray(s.DeviceCodes.Pending(s.Clock.UtcNow).Select(e => (JsonNode)new JsonObject
        {
            ["userCode"] = e.UserCode, ["appId"] = e.AppId.ToString(), ["scope"] = e.Scope, ["expiresAt"] = e.ExpiresAt.ToString("O"),
        }).ToArray())));
        c.MapPost("/devicecodes/approve", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            if (s.DeviceCodes.FindByUserCode((string?)body["userCode"] ?? "") is not { } entry)
                return Results.NotFound(new { error = "No pending device code with that userCode." });
            if (s.Directory.FindUser((string?)body["user"] ?? "") is not { } user)
                return Results.NotFound(new { error = "No such user." });
            entry.ApprovedUserId = user.Id;
            return Results.NoContent();
        });
        c.MapPost("/devicecodes/deny", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            if (s.DeviceCodes.FindByUserCode((string?)body["userCode"] ?? "") is not { } entry) return Results.NotFound();
            entry.Denied = true;
            return Results.NoContent();
        });
        c.MapPost("/managedIdentities", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            return ControlEndpoints.Json(ManagedIdentityJson(s, s.ManagedIdentities.Create(s.Directory, (string?)body["displayName"] ?? "managed identity")));
        });
        c.MapGet("/managedIdentities", () => ControlEndpoints.Json(new JsonArray(s.ManagedIdentities.All.Select(i => (JsonNode)ManagedIdentityJson(s, i)).ToArray())));
        // Revocation applies at once to new and existing tokens and asks subscribers to reauthorize.
        c.MapPost("/apps/{appId}/revoke", async (HttpContext ctx, string appId) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            if (!Guid.TryParse(appId, out var id) || (string?)body["permission"] is not { } permission) return Results.BadRequest();
            s.Faults.Revoke(id, permission);
            foreach (var sub in s.Subscriptions.Active(s.Clock.UtcNow).Where(x => x.ApplicationId == id))
                await s.Notifier.SendLifecycleAsync(sub, "reauthorizationRequired");
            return Results.NoContent();
        });
        c.MapPost("/apps/{appId}/restore", (string appId) =>
        {
            if (!Guid.TryParse(appId, out var id)) return Results.BadRequest();
            s.Faults.Restore(id);
            return Results.NoContent();
        });
        c.MapPost("/apps/{appId}/expireSecrets", (string appId) =>
        {
            if (!Guid.TryParse(appId, out var id) || s.Directory.FindApplicationByAppId(id) is not { } app) return Results.NotFound();
            var now = s.Clock.UtcNow;
            lock (app) foreach (var p in app.PasswordCredentials) p.EndDateTime = now.AddSeconds(-1);
            return Results.NoContent();
        });
    }

    /// <summary>What a host gives ManagedIdentityCredential: IDENTITY_ENDPOINT and IDENTITY_HEADER, plus the identity's ids.</summary>
    private static JsonObject ManagedIdentityJson(EmulatorState s, Identity.ManagedIdentity i) => new()
    {
        ["clientId"] = i.ClientId.ToString(), ["principalId"] = i.PrincipalId.ToString(), ["displayName"] = i.DisplayName,
        ["identityEndpoint"] = s.BaseUrl + Identity.ManagedIdentityEndpoint.Path, ["identityHeader"] = i.IdentityHeader,
    };
}
