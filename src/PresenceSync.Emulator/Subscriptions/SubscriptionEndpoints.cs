using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// POST/GET/PATCH/DELETE /subscriptions and /subscriptions/{id}/reauthorize for presence, with
/// every documented rule: delegated tokens only, at most 650 ids, at most 60 minutes, one
/// subscription per app per delegated user (409), clientState required, https only, the
/// validation handshake, and no renewal once expired.
/// </summary>
internal static class SubscriptionEndpoints
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(60);
    private static readonly string[] NoAppRoles = Array.Empty<string>();
    private static readonly string[] PresenceScopes = { "Presence.Read.All" };
    private static readonly string[] AnyRoles = { "Presence.Read.All", "Presence.ReadWrite.All" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapPost("/v1.0/subscriptions", (HttpContext ctx, CancellationToken ct) => Create(s, ctx))
            .Graph(new("POST /subscriptions", NoAppRoles, PresenceScopes, "ExtensionError"));
        app.MapGet("/v1.0/subscriptions", (HttpContext ctx, CancellationToken ct) => List(s, ctx))
            .Graph(new("GET /subscriptions", AnyRoles, PresenceScopes, "ExtensionError"));
        app.MapGet("/v1.0/subscriptions/{id}", (HttpContext ctx, string id) => Get(s, ctx, id))
            .Graph(new("GET /subscriptions/{id}", AnyRoles, PresenceScopes, "ExtensionError"));
        app.MapMethods("/v1.0/subscriptions/{id}", new[] { "PATCH" }, (HttpContext ctx, string id) => Renew(s, ctx, id))
            .Graph(new("PATCH /subscriptions/{id}", NoAppRoles, PresenceScopes, "ExtensionError"));
        app.MapDelete("/v1.0/subscriptions/{id}", (HttpContext ctx, string id) => Delete(s, ctx, id))
            .Graph(new("DELETE /subscriptions/{id}", AnyRoles, PresenceScopes, "ExtensionError"));
        app.MapPost("/v1.0/subscriptions/{id}/reauthorize", (HttpContext ctx, string id) => Reauthorize(s, ctx, id))
            .Graph(new("POST /subscriptions/{id}/reauthorize", NoAppRoles, PresenceScopes, "ExtensionError"));
    }

    private static IResult Invalid(string message) => GraphErrors.Result(400, "InvalidRequest", message);

    private static async Task<IResult> Create(EmulatorState s, HttpContext ctx)
    {
        var caller = GraphJson.Caller(ctx);
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        var now = s.Clock.UtcNow;
        var resource = (string?)body["resource"] ?? "";
        var changeType = (string?)body["changeType"] ?? "";
        var notificationUrl = (string?)body["notificationUrl"] ?? "";
        var lifecycleUrl = (string?)body["lifecycleNotificationUrl"];
        var clientState = (string?)body["clientState"];
        var includeResourceData = (bool?)body["includeResourceData"] ?? false;

        if (ResourceParser.Parse(resource) is not { } idTexts)
            return Invalid($"Resource '{resource}' is not a supported presence resource.");
        if (idTexts.Count > PresenceRules.MaxIdsPerRequest)
            return Invalid($"The number of ids ({idTexts.Count}) in the subscription resource exceeds the limit of {PresenceRules.MaxIdsPerRequest}.");
        var ids = new HashSet<Guid>();
        foreach (var t in idTexts)
        {
            if (!Guid.TryParse(t, out var g)) return Invalid($"'{t}' is not a valid user id (GUID).");
            ids.Add(g);
        }
        if (!string.Equals(changeType, "updated", StringComparison.Ordinal))
            return Invalid($"ChangeType '{changeType}' is not supported for presence: only 'updated'.");
        if (string.IsNullOrEmpty(clientState) || clientState.Length > 128)
            return Invalid("clientState is required and must be at most 128 characters.");
        if (UrlProblem(s, notificationUrl, allowEventHub: true) is { } urlProblem) return Invalid(urlProblem);
        if (lifecycleUrl is not null && UrlProblem(s, lifecycleUrl, allowEventHub: true) is { } lifecycleProblem) return Invalid(lifecycleProblem);
        if ((string?)body["expirationDateTime"] is not { } expText || !DateTimeOffset.TryParse(expText, out var expiration))
            return Invalid("expirationDateTime is required.");
        if (expiration <= now) return Invalid("Subscription expiration must be in the future.");
        if (expiration > now + MaxLifetime) return Invalid("Subscription expiration can only be 60 minutes in the future.");

        X509Certificate2? certificate = null;
        var certificateId = (string?)body["encryptionCertificateId"];
        if (includeResourceData)
        {
            if ((string?)body["encryptionCertificate"] is not { Length: > 0 } certText || string.IsNullOrEmpty(certificateId))
                return Invalid("encryptionCertificate and encryptionCertificateId are required when includeResourceData is true.");
            try { certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certText)); }
            catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
            { return Invalid("encryptionCertificate is not a base64-encoded X.509 certificate."); }
            var size = certificate.GetRSAPublicKey()?.KeySize ?? 0;
            if (size is < 2048 or > 4096) return Invalid("encryptionCertificate must carry an RSA key of 2048 to 4096 bits.");
        }

        // One presence subscription per application per delegated user.
        var existing = s.Subscriptions.Active(now).FirstOrDefault(x => x.ApplicationId == caller.AppId && x.CreatorId == caller.UserId);
        if (existing is not null)
            return GraphErrors.Result(409, "ExtensionError", string.Equals(existing.Resource, resource, StringComparison.OrdinalIgnoreCase)
                ? $"Operation: Create; Exception: [Status Code: Conflict; Reason: A subscription for the same resource and changeType already exists ({existing.Id}).]"
                : $"Operation: Create; Exception: [Status Code: Conflict; Reason: This application already has a presence subscription for this user ({existing.Id}); only one is allowed per application per user.]");

        if (!notificationUrl.StartsWith("EventHub:", StringComparison.OrdinalIgnoreCase))
            if (await s.Notifier.HandshakeAsync(notificationUrl) is { } failure)
                return GraphErrors.Result(400, "ValidationError", failure);
        if (lifecycleUrl is not null && !lifecycleUrl.StartsWith("EventHub:", StringComparison.OrdinalIgnoreCase))
            if (await s.Notifier.HandshakeAsync(lifecycleUrl) is { } failure)
                return GraphErrors.Result(400, "ValidationError", failure);

        var sub = new Subscription
        {
            Id = Guid.NewGuid(), Resource = resource, ChangeType = changeType, NotificationUrl = notificationUrl,
            LifecycleNotificationUrl = lifecycleUrl, ExpirationDateTime = expiration, ClientState = clientState,
            IncludeResourceData = includeResourceData, EncryptionCertificate = certificate, EncryptionCertificateId = certificateId,
            LatestSupportedTlsVersion = (string?)body["latestSupportedTlsVersion"],
            ApplicationId = caller.AppId, CreatorId = caller.UserId!.Value, UserIds = ids,
        };
        s.Subscriptions.Add(sub);
        var json = SubscriptionJson.ToJson(sub);
        json.Insert(0, "@odata.context", $"{s.BaseUrl}/v1.0/$metadata#subscriptions/$entity");
        return GraphJson.Ok(json, 201);
    }

    private static string? UrlProblem(EmulatorState s, string url, bool allowEventHub)
    {
        if (allowEventHub && url.StartsWith("EventHub:", StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return $"'{url}' is not an absolute URL.";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp && s.Options.AllowHttpNotificationUrl) return null;
        return $"Subscription notification URL '{url}' must use https.";
    }

    /// <summary>Finds a live subscription of the caller's app; expired and foreign ones are "not found".</summary>
    private static Subscription? Owned(EmulatorState s, HttpContext ctx, string id)
    {
        var caller = GraphJson.Caller(ctx);
        if (!Guid.TryParse(id, out var gid) || s.Subscriptions.Find(gid) is not { } sub) return null;
        if (sub.ApplicationId != caller.AppId || !sub.IsActive(s.Clock.UtcNow)) return null;
        return sub;
    }

    private static IResult NotFound(string id) =>
        GraphErrors.Result(404, "ResourceNotFound", $"The object was not found. Subscription '{id}' does not exist or has expired.");

    private static IResult List(EmulatorState s, HttpContext ctx)
    {
        var caller = GraphJson.Caller(ctx);
        var now = s.Clock.UtcNow;
        var mine = s.Subscriptions.Active(now).Where(x => x.ApplicationId == caller.AppId && (caller.IsAppOnly || x.CreatorId == caller.UserId));
        return GraphJson.Ok(new JsonObject { ["value"] = new JsonArray(mine.Select(x => (JsonNode)SubscriptionJson.ToJson(x)).ToArray()) });
    }

    private static IResult Get(EmulatorState s, HttpContext ctx, string id) =>
        Owned(s, ctx, id) is { } sub ? GraphJson.Ok(SubscriptionJson.ToJson(sub)) : NotFound(id);

    private static async Task<IResult> Renew(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (Owned(s, ctx, id) is not { } sub) return NotFound(id);
        var now = s.Clock.UtcNow;
        // "You can't add the lifecycleNotificationUrl property to an existing subscription by updating it."
        if (body.ContainsKey("lifecycleNotificationUrl") && (string?)body["lifecycleNotificationUrl"] != sub.LifecycleNotificationUrl)
            return Invalid("lifecycleNotificationUrl can only be set when the subscription is created: delete it and create a new one.");
        if ((string?)body["expirationDateTime"] is { } text)
        {
            if (!DateTimeOffset.TryParse(text, out var expiration) || expiration <= now) return Invalid("expirationDateTime must be in the future.");
            if (expiration > now + MaxLifetime) return Invalid("Subscription expiration can only be 60 minutes in the future.");
            sub.ExpirationDateTime = expiration;
        }
        sub.NeedsReauthorization = false;
        return GraphJson.Ok(SubscriptionJson.ToJson(sub));
    }

    private static IResult Delete(EmulatorState s, HttpContext ctx, string id)
    {
        if (Owned(s, ctx, id) is not { } sub) return NotFound(id);
        sub.Deleted = true;
        return Results.NoContent();
    }

    private static IResult Reauthorize(EmulatorState s, HttpContext ctx, string id)
    {
        if (Owned(s, ctx, id) is not { } sub) return NotFound(id);
        sub.NeedsReauthorization = false;
        return Results.NoContent();
    }
}
