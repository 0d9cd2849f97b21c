using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Hosting;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// The identity-platform side: OpenID discovery, JWKS, the v2.0 token endpoint (client
/// credentials, device code, refresh token) and the device-code endpoint, at the paths MSAL uses
/// when Azure.Identity's AuthorityHost points here.
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(WebApplication app, TenantRegistry tenants)
    {
        var key = tenants.First.Key;
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Discovery(tenants, tenant));
        app.MapGet("/{tenant}/.well-known/openid-configuration", (string tenant) => Discovery(tenants, tenant));
        // One signing key for every tenant, as AAD publishes one key set.
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(key.Jwks()));
        app.MapGet("/{tenant}/discovery/keys", () => Results.Json(key.Jwks()));
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", (HttpContext ctx, string tenant) =>
                tenants.Find(tenant) is { } s ? DeviceCode(s, ctx) : Task.FromResult(UnknownTenant(tenant)))
            .WithMetadata(new IdentityOperation("devicecode"));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext ctx, string tenant) =>
                tenants.Find(tenant) is { } s ? Token(s, ctx, tenant) : Task.FromResult(UnknownTenant(tenant)))
            .WithMetadata(new IdentityOperation("token"));
    }

    private static IResult UnknownTenant(string tenant) =>
        AadError.Result(400, "invalid_request", 90002,
            $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    private static IResult Discovery(TenantRegistry tenants, string tenant)
    {
        if (tenants.Find(tenant) is not { } s) return UnknownTenant(tenant);
        var root = $"{s.BaseUrl}/{s.Directory.TenantId}";
        return Results.Json(new JsonObject
        {
            ["token_endpoint"] = $"{root}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{root}/discovery/v2.0/keys",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{root}/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["userinfo_endpoint"] = $"{s.BaseUrl}/oidc/userinfo",
            ["authorization_endpoint"] = $"{root}/oauth2/v2.0/authorize",
            ["device_authorization_endpoint"] = $"{root}/oauth2/v2.0/devicecode",
            ["http_logout_supported"] = true,
            ["frontchannel_logout_supported"] = true,
            ["end_session_endpoint"] = $"{root}/oauth2/v2.0/logout",
            ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "nonce", "oid", "tid", "preferred_username", "name"),
            ["tenant_region_scope"] = "NA",
            ["cloud_instance_name"] = "microsoftonline.com",
            ["cloud_graph_host_name"] = "graph.windows.net",
            ["msgraph_host"] = "graph.microsoft.com",
        });
    }

    private static async Task<IResult> DeviceCode(EmulatorState s, HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync();
        var app = FindApp(s, form["client_id"], out var error);
        if (app is null) return error!;
        if (!app.IsFallbackPublicClient)
            return AadError.Result(400, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        var entry = s.DeviceCodes.Create(app.AppId, (string?)form["scope"] ?? "", s.Clock.UtcNow);
        var verification = $"{s.BaseUrl}/devicelogin";
        return Results.Json(new JsonObject
        {
            ["user_code"] = entry.UserCode,
            ["device_code"] = entry.DeviceCode,
            ["verification_uri"] = verification,
            ["expires_in"] = 900,
            ["interval"] = s.Options.DeviceCodeIntervalSeconds,
            ["message"] = $"To sign in, use a web browser to open the page {verification} and enter the code {entry.UserCode} to authenticate.",
        });
    }

    private static AppRegistration? FindApp(EmulatorState s, string? clientId, out IResult? error)
    {
        error = null;
        var app = Guid.TryParse(clientId, out var appId) ? s.Directory.FindApplicationByAppId(appId) : null;
        if (app is null)
            error = AadError.Result(400, "unauthorized_client", 700016,
                $"Application with identifier '{clientId}' was not found in the directory '{s.Directory.DomainName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");
        return app;
    }

    private static async Task<IResult> Token(EmulatorState s, HttpContext ctx, string tenant)
    {
        var form = await ctx.Request.ReadFormAsync();
        var grantType = (string?)form["grant_type"] ?? "";
        s.Statistics.RecordTokenRequest(grantType);
        var app = FindApp(s, form["client_id"], out var error);
        if (app is null) return error!;
        var endpoint = $"{s.BaseUrl}/{tenant}/oauth2/v2.0/token";
        switch (grantType)
        {
            case "client_credentials":
                return ClientCredentials(s, app, form, endpoint);
            case "urn:ietf:params:oauth:grant-type:device_code":
            case "device_code": // MSAL sends the short form to the v2.0 endpoint
                if (s.ClientAuth.Authenticate(app, form, endpoint, required: false) is { } dcAuthError) return dcAuthError;
                return DeviceCodeGrant(s, app, form);
            case "refresh_token":
                if (s.ClientAuth.Authenticate(app, form, endpoint, required: false) is { } rtAuthError) return rtAuthError;
                return RefreshGrant(s, app, form);
            default:
                return AadError.Result(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.");
        }
    }

    private static IResult ClientCredentials(EmulatorState s, AppRegistration app, IFormCollection form, string endpoint)
    {
        if (s.ClientAuth.Authenticate(app, form, endpoint, required: true) is { } authError) return authError;
        var scope = ((string?)form["scope"] ?? "").Trim();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
            return AadError.Result(400, "invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        var resource = scope[..^"/.default".Length];
        if (resource is not (GraphPermissions.GraphResource or GraphPermissions.GraphAppId))
            return AadError.Result(400, "invalid_resource", 500011,
                $"The resource principal named {resource} was not found in the tenant named {s.Directory.DomainName}.");
        var sp = s.Directory.FindServicePrincipalByAppId(app.AppId);
        if (sp is null)
            return AadError.Result(401, "invalid_client", 7000229,
                $"The client application {app.AppId} is missing service principal in the tenant {s.Directory.TenantId}.");
        var roles = s.Directory.GrantedAppRoles(app.AppId);
        roles.ExceptWith(s.Faults.RevokedPermissions(app.AppId));
        var accessToken = s.Tokens.IssueAppToken(app, sp, roles);
        var seconds = (int)s.Tokens.Lifetime.TotalSeconds;
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer", ["expires_in"] = seconds, ["ext_expires_in"] = seconds, ["access_token"] = accessToken,
        });
    }

    private static IResult DeviceCodeGrant(EmulatorState s, AppRegistration app, IFormCollection form)
    {
        var entry = s.DeviceCodes.FindByDeviceCode((string?)form["device_code"] ?? "");
        if (entry is null || entry.AppId != app.AppId || entry.Redeemed)
            return AadError.Result(400, "invalid_grant", 70000, "Provided grant is invalid or malformed.");
        if (entry.ExpiresAt <= s.Clock.UtcNow)
            return AadError.Result(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
        if (entry.Denied)
            return AadError.Result(400, "authorization_declined", 70000, "The user declined the sign-in.");
        if (entry.ApprovedUserId is not { } userId)
            return AadError.Result(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        entry.Redeemed = true;
        return UserTokens(s, app, userId, entry.Scope);
    }

    private static IResult RefreshGrant(EmulatorState s, AppRegistration app, IFormCollection form)
    {
        var entry = s.RefreshTokens.Find((string?)form["refresh_token"] ?? "");
        if (entry is null || entry.AppId != app.AppId)
            return AadError.Result(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        if (entry.ExpiresAt <= s.Clock.UtcNow)
            return AadError.Result(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
        var scope = (string?)form["scope"];
        return UserTokens(s, app, entry.UserId, string.IsNullOrWhiteSpace(scope) ? string.Join(' ', entry.Scopes) : scope);
    }

    /// <summary>Delegated tokens: requested scopes must all be consented (".default" = all consented).</summary>
    private static IResult UserTokens(EmulatorState s, AppRegistration app, Guid userId, string requestedScope)
    {
        var user = s.Directory.FindUser(userId);
        if (user is null)
            return AadError.Result(400, "invalid_grant", 50034, "The user account does not exist in the directory.");
        if (!user.AccountEnabled)
            return AadError.Result(400, "invalid_grant", 50057, "The user account is disabled.");
        var consented = s.Directory.ConsentedScopes(app.AppId, userId);
        consented.ExceptWith(s.Faults.RevokedPermissions(app.AppId));
        var requested = requestedScope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.StartsWith(GraphPermissions.GraphResource + "/", StringComparison.OrdinalIgnoreCase) ? r[(GraphPermissions.GraphResource.Length + 1)..] : r)
            .ToList();
        var granted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in requested)
        {
            if (r == ".default") { granted.UnionWith(consented); continue; }
            if (r is "openid" or "profile" or "offline_access" or "email") continue;
            if (!consented.Contains(r))
                return AadError.Result(400, "invalid_grant", 65001,
                    $"The user or administrator has not consented to use the application with ID '{app.AppId}' named '{app.DisplayName}'. Send an interactive authorization request for this user and resource.");
            granted.Add(r);
        }
        var now = s.Clock.UtcNow;
        var seconds = (int)s.Tokens.Lifetime.TotalSeconds;
        var idToken = s.Tokens.Sign(new JsonObject
        {
            ["aud"] = app.AppId.ToString(), ["iss"] = $"{s.BaseUrl}/{s.Directory.TenantId}/v2.0",
            ["iat"] = Jwt.Epoch(now), ["nbf"] = Jwt.Epoch(now), ["exp"] = Jwt.Epoch(now + s.Tokens.Lifetime),
            ["name"] = user.DisplayName, ["oid"] = user.Id.ToString(), ["preferred_username"] = user.UserPrincipalName,
            ["sub"] = user.Id.ToString("N"), ["tid"] = s.Directory.TenantId.ToString(), ["ver"] = "2.0",
        });
        var clientInfo = Jwt.B64Url(System.Text.Encoding.UTF8.GetBytes(
            new JsonObject { ["uid"] = user.Id.ToString(), ["utid"] = s.Directory.TenantId.ToString() }.ToJsonString()));
        var scopesForResponse = granted.Where(g => g is not ("openid" or "profile" or "offline_access"))
            .Select(g => $"{GraphPermissions.GraphResource}/{g}").ToList();
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', scopesForResponse),
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = s.Tokens.IssueUserToken(app, user, granted),
            ["refresh_token"] = s.RefreshTokens.Issue(app.AppId, user.Id, requested, now),
            ["id_token"] = idToken,
            ["client_info"] = clientInfo,
        });
    }
}
