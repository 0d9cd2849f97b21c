using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Hosting;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// App registrations: POST/GET /applications, GET/PATCH/DELETE /applications/{id},
/// GET /applications(appId='...'), addPassword, removePassword, keyCredentials through PATCH, and
/// addKey / removeKey, with which an app rolls its own certificates: no permission needed, but a
/// proof of possession signed by one of its current certificates (as Graph requires).
/// </summary>
internal static class ApplicationEndpoints
{
    private static readonly string[] ReadRoles = { "Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All" };
    private static readonly string[] WriteRoles = { "Application.ReadWrite.All" };
    private static readonly string[] Scopes = { "Application.ReadWrite.All" };
    private static readonly HashSet<string> Filterable = new(StringComparer.OrdinalIgnoreCase) { "id", "appId", "displayName" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapGet("/v1.0/applications", (HttpContext ctx, CancellationToken ct) => ListQuery.Page(ctx, s.BaseUrl, Snapshot(s), Property, Filterable, DirectoryJson.Application, null))
            .Graph(new("GET /applications", ReadRoles, Scopes));
        app.MapPost("/v1.0/applications", (HttpContext ctx, CancellationToken ct) => Create(s, ctx)).Graph(new("POST /applications", WriteRoles, Scopes));
        app.MapGet("/v1.0/applications(appId='{appId}')", (string appId) => Found(Find(s, appId, byAppId: true), appId))
            .Graph(new("GET /applications(appId)", ReadRoles, Scopes));
        app.MapGet("/v1.0/applications/{id}", (string id) => Found(Find(s, id, byAppId: false), id)).Graph(new("GET /applications/{id}", ReadRoles, Scopes));
        app.MapMethods("/v1.0/applications/{id}", new[] { "PATCH" }, (HttpContext ctx, string id) => Update(s, ctx, id))
            .Graph(new("PATCH /applications/{id}", WriteRoles, Scopes));
        app.MapDelete("/v1.0/applications/{id}", (string id) => Delete(s, id)).Graph(new("DELETE /applications/{id}", WriteRoles, Scopes));
        app.MapPost("/v1.0/applications/{id}/addPassword", (HttpContext ctx, string id) => AddPassword(s, ctx, id))
            .Graph(new("POST /applications/{id}/addPassword", WriteRoles, Scopes));
        app.MapPost("/v1.0/applications/{id}/removePassword", (HttpContext ctx, string id) => RemovePassword(s, ctx, id))
            .Graph(new("POST /applications/{id}/removePassword", WriteRoles, Scopes));
        // "An application does not need any specific permission to roll its own keys": the gateway lets any caller through, KeyRoll checks.
        app.MapPost("/v1.0/applications/{id}/addKey", (HttpContext ctx, string id) => KeyRoll.AddKey(s, ctx, id))
            .Graph(new("POST /applications/{id}/addKey", WriteRoles, Scopes, AnyCaller: true));
        app.MapPost("/v1.0/applications/{id}/removeKey", (HttpContext ctx, string id) => KeyRoll.RemoveKey(s, ctx, id))
            .Graph(new("POST /applications/{id}/removeKey", WriteRoles, Scopes, AnyCaller: true));
    }

    private static List<AppRegistration> Snapshot(EmulatorState s) { lock (s.Directory.Gate) return s.Directory.Applications.ToList(); }

    private static object? Property(AppRegistration a, string name) => name.ToLowerInvariant() switch
    {
        "id" => a.Id.ToString(), "appid" => a.AppId.ToString(), "displayname" => a.DisplayName, _ => null,
    };

    internal static AppRegistration? Find(EmulatorState s, string id, bool byAppId)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        lock (s.Directory.Gate) return s.Directory.Applications.FirstOrDefault(a => byAppId ? a.AppId == g : a.Id == g);
    }

    internal static IResult NotFound(string id) =>
        GraphErrors.Result(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private static IResult Found(AppRegistration? a, string id) => a is null ? NotFound(id) : GraphJson.Ok(DirectoryJson.Application(a));

    private static async Task<IResult> Create(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if ((string?)body["displayName"] is not { Length: > 0 } name)
            return GraphErrors.Result(400, "Request_BadRequest", "Invalid value specified for property 'displayName' of resource 'Application'.");
        var app = new AppRegistration
        {
            Id = Guid.NewGuid(), AppId = Guid.NewGuid(), DisplayName = name,
            IsFallbackPublicClient = (bool?)body["isFallbackPublicClient"] ?? false, CreatedDateTime = s.Clock.UtcNow,
        };
        if (body["keyCredentials"] is JsonArray keys)
        {
            if (ParseKeys(keys, s.Clock.UtcNow, out var parsed) is { } keyError) return keyError;
            app.KeyCredentials = parsed!;
        }
        lock (s.Directory.Gate) s.Directory.Applications.Add(app);
        return GraphJson.Ok(DirectoryJson.Application(app), 201);
    }

    private static async Task<IResult> Update(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (Find(s, id, byAppId: false) is not { } app) return NotFound(id);
        if (body.ContainsKey("passwordCredentials"))
            return GraphErrors.Result(400, "Request_BadRequest", "Property 'passwordCredentials' cannot be updated with PATCH: use addPassword and removePassword.");
        List<KeyCredential>? keys = null;
        if (body["keyCredentials"] is JsonArray keyArray && ParseKeys(keyArray, s.Clock.UtcNow, out keys) is { } keyError) return keyError;
        lock (app)
        {
            if ((string?)body["displayName"] is { } name) app.DisplayName = name;
            if ((bool?)body["isFallbackPublicClient"] is { } pc) app.IsFallbackPublicClient = pc;
            if (keys is not null) app.KeyCredentials = keys;
        }
        return Results.NoContent();
    }

    /// <summary>keyCredentials replace the whole collection, as in Graph; each key is a base64 X.509 certificate.</summary>
    internal static IResult? ParseKeys(JsonArray array, DateTimeOffset now, out List<KeyCredential>? keys)
    {
        keys = new List<KeyCredential>();
        foreach (var node in array)
        {
            var k = node!.AsObject();
            if ((string?)k["type"] is not "AsymmetricX509Cert" || (string?)k["usage"] is not ("Verify" or "Sign"))
                return GraphErrors.Result(400, "Request_BadRequest", "Key credential type must be AsymmetricX509Cert with usage Verify.");
            X509Certificate2 cert;
            try { cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string?)k["key"] ?? "")); }
            catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
            { return GraphErrors.Result(400, "Request_BadRequest", "Invalid value specified for property 'key' of resource 'KeyCredential'."); }
            keys.Add(new KeyCredential
            {
                KeyId = Guid.TryParse((string?)k["keyId"], out var kid) ? kid : Guid.NewGuid(),
                DisplayName = (string?)k["displayName"], Certificate = cert, Usage = (string)k["usage"]!,
                StartDateTime = new DateTimeOffset(cert.NotBefore.ToUniversalTime()),
                EndDateTime = new DateTimeOffset(cert.NotAfter.ToUniversalTime()),
            });
        }
        return null;
    }

    private static IResult Delete(EmulatorState s, string id)
    {
        if (Find(s, id, byAppId: false) is not { } app) return NotFound(id);
        lock (s.Directory.Gate) s.Directory.Applications.Remove(app);
        return Results.NoContent();
    }

    private static async Task<IResult> AddPassword(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx) ?? new JsonObject();
        if (Find(s, id, byAppId: false) is not { } app) return NotFound(id);
        var request = body["passwordCredential"] as JsonObject ?? new JsonObject();
        var now = s.Clock.UtcNow;
        var start = DateTimeOffset.TryParse((string?)request["startDateTime"], out var st) ? st : now;
        // Graph's default secret lifetime is two years.
        var end = DateTimeOffset.TryParse((string?)request["endDateTime"], out var en) ? en : now.AddYears(2);
        var credential = new PasswordCredential
        {
            KeyId = Guid.NewGuid(), DisplayName = (string?)request["displayName"], SecretText = AdminAppRegistrar.NewSecret(),
            StartDateTime = start, EndDateTime = end,
        };
        lock (app) app.PasswordCredentials.Add(credential);
        return GraphJson.Ok(DirectoryJson.Password(credential, withSecret: true));
    }

    private static async Task<IResult> RemovePassword(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (Find(s, id, byAppId: false) is not { } app) return NotFound(id);
        if (!Guid.TryParse((string?)body["keyId"], out var keyId))
            return GraphErrors.Result(400, "Request_BadRequest", "Invalid value specified for property 'keyId'.");
        int removed;
        lock (app) removed = app.PasswordCredentials.RemoveAll(p => p.KeyId == keyId);
        return removed > 0 ? Results.NoContent()
            : GraphErrors.Result(400, "Request_BadRequest", $"No password credential found with keyId '{keyId}'.");
    }
}
