using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PresenceSync.Emulator.Directory;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// Issues and validates the emulator's access tokens. Roles (app-only) and scopes (delegated) are
/// frozen into the token at issue time, exactly like AAD: a grant given later needs a new token.
/// </summary>
internal sealed class TokenService
{
    /// <summary>Graph accepts tokens up to 5 minutes past exp (clock skew allowance).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SigningKey _key;
    private readonly EmulatorClock _clock;
    private readonly DirectoryStore _directory;
    private readonly TimeSpan _lifetime;

    public TokenService(SigningKey key, EmulatorClock clock, DirectoryStore directory, TimeSpan lifetime)
    {
        _key = key; _clock = clock; _directory = directory; _lifetime = lifetime;
    }

    public TimeSpan Lifetime => _lifetime;
    private string Issuer => $"https://sts.windows.net/{_directory.TenantId}/";

    public string IssueAppToken(AppRegistration app, ServicePrincipal sp, IEnumerable<string> roles) =>
        IssueAppToken(app.AppId, app.DisplayName, sp, roles);

    /// <summary>An app-only token for a principal without an application object (a managed identity).</summary>
    public string IssueAppToken(Guid appId, string displayName, ServicePrincipal sp, IEnumerable<string> roles)
    {
        var payload = BasePayload(appId, displayName);
        payload["oid"] = sp.Id.ToString();
        payload["sub"] = sp.Id.ToString();
        payload["idtyp"] = "app";
        payload["roles"] = new JsonArray(roles.OrderBy(r => r).Select(r => (JsonNode)r!).ToArray());
        return Sign(payload);
    }

    public string IssueUserToken(AppRegistration app, DirectoryUser user, IEnumerable<string> scopes)
    {
        var payload = BasePayload(app.AppId, app.DisplayName);
        payload["oid"] = user.Id.ToString();
        payload["sub"] = Jwt.B64Url(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.Id + ":" + app.AppId)));
        payload["upn"] = user.UserPrincipalName;
        payload["name"] = user.DisplayName;
        payload["idtyp"] = "user";
        payload["scp"] = string.Join(' ', scopes.Where(s => s is not ("openid" or "profile" or "offline_access")).OrderBy(s => s));
        return Sign(payload);
    }

    /// <summary>Signed JWT for arbitrary claims (id tokens, validation tokens), with the emulator key.</summary>
    public string Sign(JsonObject payload) =>
        Jwt.Sign(new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = _key.KeyId, ["x5t"] = _key.KeyId }, payload, _key.Rsa);

    private JsonObject BasePayload(Guid appId, string displayName)
    {
        var now = _clock.UtcNow;
        return new JsonObject
        {
            ["aud"] = GraphPermissions.GraphResource,
            ["iss"] = Issuer,
            ["iat"] = Jwt.Epoch(now),
            ["nbf"] = Jwt.Epoch(now),
            ["exp"] = Jwt.Epoch(now + _lifetime),
            ["appid"] = appId.ToString(),
            ["app_displayname"] = displayName,
            ["tid"] = _directory.TenantId.ToString(),
            ["ver"] = "1.0",
            ["uti"] = Jwt.B64Url(RandomNumberGenerator.GetBytes(16)),
        };
    }

    /// <summary>Validates a bearer token as Graph does; on failure returns Graph's error message.</summary>
    public CallerContext? Validate(string? authorization, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            error = "Access token is empty.";
            return null;
        }
        var parsed = Jwt.Parse(authorization[7..].Trim());
        if (parsed is null)
        {
            error = "IDX14100: JWT is not well formed, there are no dots (.).";
            return null;
        }
        var (header, payload, input, signature) = parsed.Value;
        if ((string?)header["kid"] != _key.KeyId || !Jwt.Verify((string?)header["alg"] ?? "", input, signature, _key.Rsa))
        {
            error = "Invalid signature.";
            return null;
        }
        var aud = (string?)payload["aud"];
        if (aud is not (GraphPermissions.GraphResource or GraphPermissions.GraphResource + "/" or GraphPermissions.GraphAppId))
        {
            error = "Invalid audience.";
            return null;
        }
        if ((string?)payload["tid"] != _directory.TenantId.ToString())
        {
            error = "Invalid issuer.";
            return null;
        }
        var exp = DateTimeOffset.FromUnixTimeSeconds(Jwt.NumberClaim(payload["exp"]));
        if (exp + ClockSkew < _clock.UtcNow)
        {
            error = "Lifetime validation failed, the token is expired.";
            return null;
        }
        var idtyp = (string?)payload["idtyp"];
        var context = new CallerContext
        {
            AppId = Guid.Parse((string)payload["appid"]!),
            IsAppOnly = idtyp == "app",
            UserId = idtyp == "user" ? Guid.Parse((string)payload["oid"]!) : null,
            UserPrincipalName = (string?)payload["upn"],
        };
        if (payload["roles"] is JsonArray roles)
            foreach (var r in roles) context.Roles.Add((string)r!);
        foreach (var s in ((string?)payload["scp"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            context.Scopes.Add(s);
        return context;
    }
}
