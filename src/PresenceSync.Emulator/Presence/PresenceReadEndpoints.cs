using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Presence;

/// <summary>
/// GET /me/presence, GET /users/{id}/presence, GET /communications/presences/{id}, POST
/// /communications/getPresencesByUserId (Learn: presence-get, cloudcommunications-getpresencesbyuserid).
/// App-only callers need Presence.Read.All or Presence.ReadWrite.All; a delegated Presence.Read
/// reads only the signed-in user's own presence, Presence.Read.All anyone's.
/// </summary>
internal static class PresenceReadEndpoints
{
    internal static readonly string[] ReadRoles = { "Presence.Read.All", "Presence.ReadWrite.All" };
    internal static readonly string[] ReadScopes = { "Presence.Read", "Presence.Read.All" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapGet("/v1.0/me/presence", (HttpContext ctx) => ReadMe(s, ctx))
            .Graph(new("GET /me/presence", ReadRoles, ReadScopes, "Forbidden", IsPresence: true));
        app.MapGet("/v1.0/users/{id}/presence", (HttpContext ctx, string id) => ReadOne(s, ctx, id))
            .Graph(new("GET /users/{id}/presence", ReadRoles, ReadScopes, "Forbidden", IsPresence: true));
        app.MapGet("/v1.0/communications/presences/{id}", (HttpContext ctx, string id) => ReadOne(s, ctx, id))
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

    /// <summary>"You can't use application permissions to access APIs under the /me path."</summary>
    internal static IResult MeNeedsAUser() => GraphErrors.BadRequest("/me request is only valid with delegated authentication flow.");

    private static IResult ReadMe(EmulatorState s, HttpContext ctx)
    {
        var caller = GraphJson.Caller(ctx);
        return caller.UserId is { } me ? ReadOne(s, ctx, me.ToString()) : MeNeedsAUser();
    }

    private static IResult ReadOne(EmulatorState s, HttpContext ctx, string id)
    {
        if (ResolveUser(s, id, out var userId) is { } error) return error;
        var caller = GraphJson.Caller(ctx);
        if (!MayRead(caller, userId))
            return GraphErrors.Result(403, "Forbidden", "Presence.Read allows reading the signed-in user's own presence only: reading another user's needs Presence.Read.All.");
        var body = PresenceJson.ToJson(s.Presence.Read(userId), self: caller.UserId == userId);
        body.Insert(0, "@odata.context", $"{s.BaseUrl}/v1.0/$metadata#users('{userId}')/presence/$entity");
        return GraphJson.Ok(body);
    }

    /// <summary>App roles were checked by the gateway; a delegated token with only Presence.Read covers the user themself.</summary>
    private static bool MayRead(CallerContext caller, Guid userId) =>
        caller.IsAppOnly || caller.UserId == userId || caller.Scopes.Contains("Presence.Read.All");

    private static async Task<IResult> ReadMany(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (body["ids"] is not JsonArray ids) return GraphErrors.BadRequest("The request body must contain 'ids'.");
        if (ids.Count == 0) return GraphErrors.BadRequest("'ids' must contain at least one user id.");
        if (ids.Count > PresenceRules.MaxIdsPerRequest)
            return GraphErrors.Result(400, "BadRequest", $"The number of ids ({ids.Count}) exceeds the limit of {PresenceRules.MaxIdsPerRequest}.");
        var caller = GraphJson.Caller(ctx);
        var users = new List<Guid>(ids.Count);
        foreach (var node in ids)
        {
            var text = node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)node : null;
            if (!Guid.TryParse(text, out var userId))
                return GraphErrors.BadRequest($"'{text}' is not a valid user id (GUID).");
            // Unknown ids (and users of another tenant) are left out of the answer, not failed.
            if (s.Directory.FindUser(userId) is not null) users.Add(userId);
        }
        var context = $"{s.BaseUrl}/v1.0/$metadata#Collection(presence)";
        return new PresenceCollectionResult(context, users.Select(u => (s.Presence.Read(u), caller.UserId == u)).ToList());
    }

    /// <summary>{"@odata.context","value":[presence...]} written straight to the response, without a DOM per user.</summary>
    private sealed class PresenceCollectionResult(string context, List<(PresenceView View, bool Self)> presences) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => 200;

        public async Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = GraphJson.ContentType;
            await using var w = new System.Text.Json.Utf8JsonWriter(ctx.Response.Body);
            w.WriteStartObject();
            w.WriteString("@odata.context", context);
            w.WriteStartArray("value");
            foreach (var (view, self) in presences) PresenceJson.Write(w, view, self);
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync();
        }
    }
}
