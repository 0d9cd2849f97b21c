using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Presence;

/// <summary>
/// setPresence, clearPresence, setUserPreferredPresence, clearUserPreferredPresence, setStatusMessage
/// (Learn: presence-setpresence and its siblings). Each write that reaches its handler is recorded in
/// the tenant's <see cref="Control.WriteLog"/> with the real time it was applied and its status.
/// </summary>
internal static class PresenceWriteEndpoints
{
    private static readonly string[] WriteRoles = { "Presence.ReadWrite.All" };
    private static readonly string[] WriteScopes = { "Presence.ReadWrite" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        foreach (var (prefix, keyPrefix) in new[] { ("/v1.0/users/{id}/presence", "/users/{id}/presence"), ("/v1.0/communications/presences/{id}", "/communications/presences/{id}") })
        {
            Map(app, s, prefix, keyPrefix, "setPresence", (ctx, id, body) => SetPresence(s, ctx, id, body));
            Map(app, s, prefix, keyPrefix, "clearPresence", (ctx, id, body) => ClearPresence(s, ctx, id, body));
            Map(app, s, prefix, keyPrefix, "setUserPreferredPresence", (ctx, id, body) => SetPreferred(s, id, body));
            Map(app, s, prefix, keyPrefix, "clearUserPreferredPresence", (ctx, id, body) => ClearPreferred(s, id));
            Map(app, s, prefix, keyPrefix, "setStatusMessage", (ctx, id, body) => SetStatusMessage(s, id, body));
        }
    }

    private static void Map(IEndpointRouteBuilder app, EmulatorState s, string prefix, string keyPrefix, string action, Func<HttpContext, Guid, JsonObject, IResult> handler)
    {
        app.MapPost($"{prefix}/{action}", async (HttpContext ctx, string id) =>
        {
            // No body at all is an empty one (clearUserPreferredPresence's docs example sends none).
            var body = RequestBody.HasBody(ctx.Request) ? await GraphJson.ReadObject(ctx) : new JsonObject();
            if (body is null) return GraphErrors.InvalidBody();
            if (PresenceReadEndpoints.ResolveUser(s, id, out var userId) is { } error) return error;
            var caller = GraphJson.Caller(ctx);
            // Delegated Presence.ReadWrite writes on behalf of the signed-in user, for that user only.
            if (!caller.IsAppOnly && caller.UserId != userId)
                return GraphErrors.Result(403, "Forbidden", "A delegated token can change only the signed-in user's own presence.");
            var result = handler(ctx, userId, body);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
            s.Writes.Add(s.Writes.RealNow, s.Clock.UtcNow, userId, caller.AppId, action, status,
                Text(body, "availability"), Text(body, "activity"));
            return result;
        }).Graph(new($"POST {keyPrefix}/{action}", WriteRoles, WriteScopes, "Forbidden", IsPresence: true, IsPresenceWrite: true));
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static IResult SetPresence(EmulatorState s, HttpContext ctx, Guid userId, JsonObject body)
    {
        var sessionId = (string?)body["sessionId"];
        var availability = (string?)body["availability"];
        var activity = (string?)body["activity"];
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(availability) || string.IsNullOrEmpty(activity))
            return GraphErrors.BadRequest("sessionId, availability and activity are required.");
        var caller = GraphJson.Caller(ctx);
        if (!Guid.TryParse(sessionId, out var session) || session != caller.AppId)
            return GraphErrors.BadRequest($"sessionId '{sessionId}' must be the application (client) id of the caller.");
        if (!PresenceRules.IsSessionPair(availability, activity))
            return GraphErrors.BadRequest($"The availability/activity pair '{availability}/{activity}' is not supported by setPresence.");
        var duration = TimeSpan.FromMinutes(5);
        if (body["expirationDuration"] is { } d)
        {
            if (PresenceRules.ParseDuration((string?)d) is not { } parsed)
                return GraphErrors.BadRequest($"expirationDuration '{d}' is not an ISO 8601 duration.");
            if (parsed < PresenceRules.MinSessionExpiry || parsed > PresenceRules.MaxSessionExpiry)
                return GraphErrors.BadRequest($"expirationDuration '{d}' is out of range: it must be between PT5M and PT4H.");
            duration = parsed;
        }
        var now = s.Clock.UtcNow;
        s.Presence.Mutate(userId, p =>
        {
            p.Sessions["app:" + caller.AppId] = new PresenceSession
            {
                Key = "app:" + caller.AppId, Kind = SessionKind.App, Source = caller.AppId.ToString(),
                Availability = availability, Activity = activity, RefreshedAt = now, ExpiresAt = now + duration,
            };
        });
        return Results.Ok();
    }

    private static IResult ClearPresence(EmulatorState s, HttpContext ctx, Guid userId, JsonObject body)
    {
        var caller = GraphJson.Caller(ctx);
        var sessionId = (string?)body["sessionId"];
        if (!Guid.TryParse(sessionId, out var session) || session != caller.AppId)
            return GraphErrors.BadRequest($"sessionId '{sessionId}' must be the application (client) id of the caller.");
        var (_, removed) = s.Presence.MutateWith(userId, p => p.Sessions.Remove("app:" + caller.AppId));
        return removed ? Results.Ok() : GraphErrors.Result(404, "NotFound", $"The application has no presence session for user '{userId}'.");
    }

    private static IResult SetPreferred(EmulatorState s, Guid userId, JsonObject body)
    {
        var availability = (string?)body["availability"];
        var activity = (string?)body["activity"];
        if (string.IsNullOrEmpty(availability) || string.IsNullOrEmpty(activity))
            return GraphErrors.BadRequest("availability and activity are required.");
        if (!PresenceRules.IsPreferredPair(availability, activity))
            return GraphErrors.BadRequest($"The availability/activity pair '{availability}/{activity}' is not supported by setUserPreferredPresence.");
        var duration = PresenceRules.DefaultPreferredExpiry(availability);
        if (body["expirationDuration"] is { } d)
        {
            if (PresenceRules.ParseDuration((string?)d) is not { } parsed || parsed <= TimeSpan.Zero)
                return GraphErrors.BadRequest($"expirationDuration '{d}' is not a valid ISO 8601 duration.");
            duration = parsed;
        }
        var expires = s.Clock.UtcNow + duration;
        s.Presence.Mutate(userId, p => p.Preferred = new PreferredPresence(availability, activity, expires));
        return Results.Ok();
    }

    private static IResult ClearPreferred(EmulatorState s, Guid userId)
    {
        s.Presence.Mutate(userId, p => p.Preferred = null);
        return Results.Ok();
    }

    private static IResult SetStatusMessage(EmulatorState s, Guid userId, JsonObject body)
    {
        if (body["statusMessage"] is not JsonObject status) return GraphErrors.BadRequest("statusMessage is required.");
        var message = status["message"] as JsonObject;
        var content = (string?)message?["content"] ?? "";
        var contentType = (string?)message?["contentType"] ?? "text";
        DateTimeOffset? expiry = null;
        string? timeZone = null;
        if (status["expiryDateTime"] is JsonObject exp && (string?)exp["dateTime"] is { } dateText)
        {
            if (!DateTime.TryParse(dateText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
                return GraphErrors.BadRequest($"expiryDateTime.dateTime '{dateText}' is not a date.");
            timeZone = (string?)exp["timeZone"] ?? "UTC";
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
            expiry = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        }
        var now = s.Clock.UtcNow;
        s.Presence.Mutate(userId, p => p.StatusMessage = string.IsNullOrEmpty(content)
            ? null
            : new StatusMessageState(content, contentType, expiry, timeZone, now));
        return Results.Ok();
    }
}
