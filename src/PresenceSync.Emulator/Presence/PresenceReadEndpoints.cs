using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Presence;

/// <summary>GET /users/{id}/presence, GET /communications/presences/{id}, POST /communications/getPresencesByUserId.</summary>
internal static class PresenceReadEndpoints
{
    internal static readonly string[] ReadRoles = { "Presence.Read.All", "Presence.ReadWrite.All" };
    internal static readonly string[] ReadScopes = { "Presence.Read", "Presence.Read.All" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapGet("/v1.0/users/{id}/presence", (string id) => ReadOne(s, id))
            .Graph(new("GET /users/{id}/presence", ReadRoles, ReadScopes, "Forbidden", IsPresence: true));
        app.MapGet("/v1.0/communications/presences/{id}", (string id) => ReadOne(s, id))
            .Graph(new("GET /communications/presences/{id}", ReadRoles, ReadScopes, "Forbidden", IsPresence: true));
        app.MapPost("/v1.0/communications/getPresencesByUserId", (HttpContext ctx, CancellationToken ct) => ReadMany(s, ctx))
            .Graph(new("POST /communications/getPresencesByUserId", ReadRoles, new[] { "Presence.Read.All" }, "Forbidden", IsPresence: true));
    }

    /// <summary>Resolves {id}: it must be an existing user's object id (GUID), never a UPN.</summary>
    internal static IResult? ResolveUser(EmulatorState s, string id, out Guid userId)
    {
        if (!Guid.TryParse(id, out userId))
            return GraphErrors.Result(400, "BadRequest", $"'{id}' is not a valid user id: presence APIs take the user's object id (GUID), not the UPN.");
        if (s.Directory.FindUser(userId) is null)
            return GraphErrors.Result(404, "NotFound", $"User '{id}' was not found.");
        return null;
    }

    private static IResult ReadOne(EmulatorState s, string id)
    {
        if (ResolveUser(s, id, out var userId) is { } error) return error;
        var body = PresenceJson.ToJson(s.Presence.Read(userId));
        body.Insert(0, "@odata.context", $"{s.BaseUrl}/v1.0/$metadata#users('{userId}')/presence/$entity");
        return GraphJson.Ok(body);
    }

    private static async Task<IResult> ReadMany(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body?["ids"] is not JsonArray ids) return GraphErrors.BadRequest("The request body must contain 'ids'.");
        if (ids.Count == 0) return GraphErrors.BadRequest("'ids' must contain at least one user id.");
        if (ids.Count > PresenceRules.MaxIdsPerRequest)
            return GraphErrors.Result(400, "BadRequest", $"The number of ids ({ids.Count}) exceeds the limit of {PresenceRules.MaxIdsPerRequest}.");
        var values = new JsonArray();
        foreach (var node in ids)
        {
            var text = node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)node : null;
            if (!Guid.TryParse(text, out var userId))
                return GraphErrors.BadRequest($"'{text}' is not a valid user id (GUID).");
            // Unknown ids are left out of the answer, not failed.
            if (s.Directory.FindUser(userId) is null) continue;
            values.Add(PresenceJson.ToJson(s.Presence.Read(userId)));
        }
        return GraphJson.Ok(new JsonObject { ["@odata.context"] = $"{s.BaseUrl}/v1.0/$metadata#Collection(presence)", ["value"] = values });
    }
}
