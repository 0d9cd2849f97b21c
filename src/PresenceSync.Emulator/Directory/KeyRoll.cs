using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// POST /applications/{id}/addKey and removeKey. The caller is the app itself (no permission
/// needed) or holds Application.ReadWrite.All; either way the body carries a proof: a JWT signed by
/// one of the app's current, unexpired certificates, audience 00000002-0000-0000-c000-000000000000,
/// issuer the application's object id, valid for at most 10 minutes. An app with no valid
/// certificate cannot use these actions (Graph says to use PATCH instead).
/// </summary>
internal static class KeyRoll
{
    private const string ProofAudience = "00000002-0000-0000-c000-000000000000";

    public static async Task<IResult> AddKey(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (ApplicationEndpoints.Find(s, id, byAppId: false) is not { } app) return ApplicationEndpoints.NotFound(id);
        if (Check(s, ctx, app, (string?)body["proof"]) is { } refused) return refused;
        if (body["keyCredential"] is not JsonObject key)
            return GraphErrors.Result(400, "Request_BadRequest", "The keyCredential property is required.");
        if (ApplicationEndpoints.ParseKeys(new JsonArray(key.DeepClone()), s.Clock.UtcNow, out var parsed) is { } keyError) return keyError;
        var added = parsed![0];
        lock (app)
        {
            if (app.KeyCredentials.Any(k => k.Certificate.Thumbprint == added.Certificate.Thumbprint))
                return GraphErrors.Result(400, "Request_BadRequest", "The key credential already exists on the application.");
            app.KeyCredentials = app.KeyCredentials.Append(added).ToList();
        }
        return GraphJson.Ok(DirectoryJson.Key(added));
    }

    public static async Task<IResult> RemoveKey(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (ApplicationEndpoints.Find(s, id, byAppId: false) is not { } app) return ApplicationEndpoints.NotFound(id);
        if (!Guid.TryParse((string?)body["keyId"], out var keyId))
            return GraphErrors.Result(400, "Request_BadRequest", "Invalid value specified for property 'keyId'.");
        if (Check(s, ctx, app, (string?)body["proof"]) is { } refused) return refused;
        int removed;
        lock (app)
        {
            var kept = app.KeyCredentials.Where(k => k.KeyId != keyId).ToList();
            removed = app.KeyCredentials.Count - kept.Count;
            app.KeyCredentials = kept;
        }
        return removed > 0 ? Results.NoContent()
            : GraphErrors.Result(404, "Request_ResourceNotFound", $"No key credential found with keyId '{keyId}'.");
    }

    private static IResult? Check(EmulatorState s, HttpContext ctx, AppRegistration app, string? proof)
    {
        var caller = ctx.Items[typeof(CallerContext)] as CallerContext;
        var self = caller is { IsAppOnly: true } && caller.AppId == app.AppId;
        if (!self && (caller is null || !caller.Has(new[] { "Application.ReadWrite.All" }, new[] { "Application.ReadWrite.All" })))
            return GraphErrors.Result(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        if (string.IsNullOrEmpty(proof) || Jwt.Parse(proof) is not { } parsed)
            return GraphErrors.Result(400, "Request_BadRequest", "The proof of possession is missing or is not a JWT.");
        var (header, payload, input, signature) = parsed;
        var now = s.Clock.UtcNow;
        List<KeyCredential> keys;
        lock (app) keys = app.KeyCredentials.Where(k => k.EndDateTime > now && k.StartDateTime <= now).ToList();
        if (keys.Count == 0)
            return GraphErrors.Result(400, "Request_BadRequest",
                "The application has no valid certificate to prove possession with: use Update application (PATCH keyCredentials) instead.");
        var alg = (string?)header["alg"] ?? "";
        if (!keys.Any(k => k.Certificate.GetRSAPublicKey() is { } rsa && Jwt.Verify(alg, input, signature, rsa)))
            return GraphErrors.Result(400, "Request_BadRequest", "The proof of possession is not signed by a current certificate of the application.");
        if ((string?)payload["aud"] != ProofAudience || (string?)payload["iss"] != app.Id.ToString())
            return GraphErrors.Result(400, "Request_BadRequest", $"The proof of possession must have audience {ProofAudience} and the application's object id as issuer.");
        // The proof is minted with the client's real clock: check it against real time, as client assertions are.
        var nbf = DateTimeOffset.FromUnixTimeSeconds(Jwt.NumberClaim(payload["nbf"]));
        var exp = DateTimeOffset.FromUnixTimeSeconds(Jwt.NumberClaim(payload["exp"]));
        if (exp - nbf > TimeSpan.FromMinutes(10) || exp + TokenService.ClockSkew < DateTimeOffset.UtcNow)
            return GraphErrors.Result(400, "Request_BadRequest", "The proof of possession has expired or is valid for more than 10 minutes.");
        return null;
    }
}
