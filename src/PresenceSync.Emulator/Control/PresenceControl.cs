using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Presence;
using PresenceSync.Emulator.Simulation;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// Simulated Teams clients and presence inspection: device sessions, manual (preferred) status,
/// out-of-office, work location, and every layer of a user's presence.
/// </summary>
internal static class PresenceControl
{
    public static void Map(RouteGroupBuilder c, EmulatorState s)
    {
        c.MapGet("/users", () => ControlEndpoints.Json(new JsonArray(s.Directory.AllUsers.Where(u => !u.Deleted).Select(u => (JsonNode)new JsonObject
        {
            ["id"] = u.Id.ToString(), ["userPrincipalName"] = u.UserPrincipalName, ["displayName"] = u.DisplayName,
            ["mail"] = u.Mail, ["accountEnabled"] = u.AccountEnabled,
        }).ToArray())));
        c.MapGet("/presence", () => ControlEndpoints.Json(new JsonArray(s.Directory.AllUsers.Where(u => !u.Deleted)
            .Select(u => (JsonNode)Inspect(s, u.Id)).Where(j => ((JsonArray)j["sessions"]!).Count > 0 || j["preferred"] is not null).ToArray())));
        c.MapGet("/users/{user}/presence", (string user) => WithUser(s, user, id => ControlEndpoints.Json(Inspect(s, id))));
        c.MapPut("/users/{user}/devices/{device}", async (HttpContext ctx, string user, string device) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            if (!TeamsClient.Devices.Contains(device)) return Results.BadRequest(new { error = "device must be desktop, mobile or web." });
            if ((string?)body["availability"] is not { } a || (string?)body["activity"] is not { } act)
                return Results.BadRequest(new { error = "availability and activity are required." });
            return WithUser(s, user, id => { TeamsClient.SetDevice(s, id, device, a, act); return ControlEndpoints.Json(Inspect(s, id)); });
        });
        c.MapDelete("/users/{user}/devices/{device}", (string user, string device) =>
            WithUser(s, user, id => { TeamsClient.SignOut(s, id, device); return ControlEndpoints.Json(Inspect(s, id)); }));
        c.MapDelete("/users/{user}/devices", (string user) =>
            WithUser(s, user, id => { TeamsClient.SignOut(s, id, null); return ControlEndpoints.Json(Inspect(s, id)); }));
        c.MapPut("/users/{user}/preferred", async (HttpContext ctx, string user) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            var a = (string?)body["availability"] ?? "";
            var act = (string?)body["activity"] ?? "";
            if (!PresenceRules.IsPreferredPair(a, act)) return Results.BadRequest(new { error = $"'{a}/{act}' is not a status a user can pick." });
            var duration = PresenceRules.ParseDuration((string?)body["expirationDuration"]);
            return WithUser(s, user, id => { TeamsClient.SetPreferred(s, id, a, act, duration); return ControlEndpoints.Json(Inspect(s, id)); });
        });
        c.MapDelete("/users/{user}/preferred", (string user) =>
            WithUser(s, user, id => { TeamsClient.ClearPreferred(s, id); return ControlEndpoints.Json(Inspect(s, id)); }));
        c.MapPut("/users/{user}/workLocation", async (HttpContext ctx, string user) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            var type = (string?)body["workLocationType"] ?? "";
            var source = (string?)body["source"] ?? "manual";
            if (!WorkLocationState.Types.Contains(type) || !WorkLocationState.Sources.Contains(source))
                return Results.BadRequest(new { error = $"workLocationType must be one of {string.Join(", ", WorkLocationState.Types)}; source one of {string.Join(", ", WorkLocationState.Sources)}." });
            var location = new WorkLocationState(type, source, (string?)body["placeId"]);
            return WithUser(s, user, id => { TeamsClient.SetWorkLocation(s, id, location); return ControlEndpoints.Json(Inspect(s, id)); });
        });
        c.MapDelete("/users/{user}/workLocation", (string user) =>
            WithUser(s, user, id => { TeamsClient.SetWorkLocation(s, id, null); return ControlEndpoints.Json(Inspect(s, id)); }));
        c.MapPut("/users/{user}/outOfOffice", async (HttpContext ctx, string user) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            return WithUser(s, user, id =>
            {
                TeamsClient.SetOutOfOffice(s, id, (bool?)body["isOutOfOffice"] ?? true, (string?)body["message"]);
                return ControlEndpoints.Json(Inspect(s, id));
            });
        });
    }

    internal static IResult WithUser(EmulatorState s, string user, Func<Guid, IResult> action) =>
        s.Directory.FindUser(user) is { } u ? action(u.Id) : Results.NotFound(new { error = $"No user '{user}'." });

    public static JsonObject Inspect(EmulatorState s, Guid userId)
    {
        var now = s.Clock.UtcNow;
        return s.Presence.Inspect(userId, p => new JsonObject
        {
            ["id"] = userId.ToString(),
            ["userPrincipalName"] = s.Directory.FindUser(userId)?.UserPrincipalName,
            ["availability"] = p.Availability,
            ["activity"] = p.Activity,
            ["sequenceNumber"] = p.SequenceNumber,
            ["sessions"] = new JsonArray(p.Sessions.Values.Select(x =>
            {
                var (ea, eact) = x.EffectiveAt(now);
                return (JsonNode)new JsonObject
                {
                    ["key"] = x.Key, ["kind"] = x.Kind.ToString(), ["source"] = x.Source,
                    ["availability"] = x.Availability, ["activity"] = x.Activity,
                    ["effectiveAvailability"] = ea, ["effectiveActivity"] = eact,
                    ["refreshedAt"] = x.RefreshedAt.ToString("O"), ["expiresAt"] = x.ExpiresAt?.ToString("O"),
                };
            }).ToArray()),
            ["preferred"] = p.Preferred is { } pref
                ? new JsonObject { ["availability"] = pref.Availability, ["activity"] = pref.Activity, ["expiresAt"] = pref.ExpiresAt.ToString("O") }
                : null,
            ["statusMessage"] = p.StatusMessage is { } m
                ? new JsonObject { ["content"] = m.Content, ["expiryDateTime"] = m.ExpiryDateTime?.ToString("O"), ["publishedDateTime"] = m.PublishedDateTime.ToString("O") }
                : null,
            ["outOfOffice"] = new JsonObject { ["isOutOfOffice"] = p.IsOutOfOffice, ["message"] = p.OutOfOfficeMessage },
            ["workLocation"] = new JsonObject
            {
                ["workLocationType"] = p.WorkLocation.WorkLocationType, ["source"] = p.WorkLocation.Source, ["placeId"] = p.WorkLocation.PlaceId,
            },
        });
    }
}
