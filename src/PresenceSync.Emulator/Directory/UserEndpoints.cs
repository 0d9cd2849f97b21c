using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Directory;

/// <summary>GET/POST /users, GET/PATCH/DELETE /users/{id}, GET /me, GET /users/delta().</summary>
internal static class UserEndpoints
{
    private static readonly string[] ReadRoles = { "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
    private static readonly string[] ReadScopes = { "User.Read.All", "User.ReadBasic.All", "User.ReadWrite.All", "Directory.Read.All" };
    private static readonly string[] WriteRoles = { "User.ReadWrite.All", "Directory.ReadWrite.All" };
    private static readonly string[] WriteScopes = { "User.ReadWrite.All", "Directory.ReadWrite.All" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapGet("/v1.0/users", (HttpContext ctx, CancellationToken ct) => List(s, ctx)).Graph(new("GET /users", ReadRoles, ReadScopes));
        app.MapGet("/v1.0/users/$count", (HttpContext ctx, CancellationToken ct) => Count(s, ctx)).Graph(new("GET /users/$count", ReadRoles, ReadScopes));
        app.MapGet("/v1.0/users/delta()", (HttpContext ctx, CancellationToken ct) => UserDelta.Handle(s, ctx)).Graph(new("GET /users/delta", ReadRoles, ReadScopes));
        app.MapGet("/v1.0/users/delta", (HttpContext ctx, CancellationToken ct) => UserDelta.Handle(s, ctx)).Graph(new("GET /users/delta", ReadRoles, ReadScopes));
        app.MapGet("/v1.0/users/{id}", (HttpContext ctx, string id) => Get(s, ctx, id)).Graph(new("GET /users/{id}", ReadRoles, ReadScopes));
        app.MapGet("/v1.0/me", (HttpContext ctx, CancellationToken ct) =>
                GraphJson.Caller(ctx).UserId is { } me ? Get(s, ctx, me.ToString()) : Presence.PresenceReadEndpoints.MeNeedsAUser())
            .Graph(new("GET /me", ReadRoles, new[] { "User.Read", "User.Read.All", "User.ReadWrite.All" }));
        app.MapPost("/v1.0/users", (HttpContext ctx, CancellationToken ct) => Create(s, ctx)).Graph(new("POST /users", WriteRoles, WriteScopes));
        app.MapMethods("/v1.0/users/{id}", new[] { "PATCH" }, (HttpContext ctx, string id) => Update(s, ctx, id)).Graph(new("PATCH /users/{id}", WriteRoles, WriteScopes));
        app.MapDelete("/v1.0/users/{id}", (string id) => Delete(s, id)).Graph(new("DELETE /users/{id}", WriteRoles, WriteScopes));
    }

    private static IResult List(EmulatorState s, HttpContext ctx) =>
        ListQuery.Page(ctx, s.BaseUrl, s.Directory.AllUsers.Where(u => !u.Deleted).ToList(), DirectoryJson.UserProperty,
            DirectoryJson.FilterableUserProperties, DirectoryJson.User, DirectoryJson.DefaultUserProperties,
            DirectoryJson.OrderableUserProperties, DirectoryJson.SearchableUserProperties);

    /// <summary>
    /// GET /users/$count (Learn: user-list example 3): the number as text/plain, only with
    /// ConsistencyLevel: eventual; without it Graph answers 400 "$count is not currently supported."
    /// (Learn: aad-advanced-queries, "Error handling").
    /// </summary>
    private static IResult Count(EmulatorState s, HttpContext ctx)
    {
        if (!ListQuery.IsEventual(ctx)) return GraphErrors.Result(400, "Request_BadRequest", "$count is not currently supported.");
        if (ListQuery.Matching(ctx, s.Directory.AllUsers.Where(u => !u.Deleted).ToList(), DirectoryJson.UserProperty, DirectoryJson.FilterableUserProperties,
                DirectoryJson.OrderableUserProperties, DirectoryJson.SearchableUserProperties, out var matching) is { } problem)
            return problem;
        return Results.Text(matching!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "text/plain", System.Text.Encoding.UTF8);
    }

    private static IResult Get(EmulatorState s, HttpContext ctx, string id)
    {
        if (s.Directory.FindUser(id) is not { } user) return GraphErrors.UserNotFound(id);
        var json = GraphJson.Select(DirectoryJson.User(user), ctx.Request.Query["$select"], DirectoryJson.DefaultUserProperties);
        json.Insert(0, "@odata.context", $"{s.BaseUrl}/v1.0/$metadata#users/$entity");
        return GraphJson.Ok(json);
    }

    private static async Task<IResult> Create(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        foreach (var required in new[] { "accountEnabled", "displayName", "mailNickname", "userPrincipalName", "passwordProfile" })
            if (body[required] is null)
                return GraphErrors.Result(400, "Request_BadRequest", $"Invalid value specified for property '{required}' of resource 'User'.");
        var upn = (string)body["userPrincipalName"]!;
        var domain = upn.Contains('@') ? upn[(upn.IndexOf('@') + 1)..] : "";
        if (!string.Equals(domain, s.Directory.DomainName, StringComparison.OrdinalIgnoreCase))
            return GraphErrors.Result(400, "Request_BadRequest",
                "The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.");
        if (s.Directory.UpnTaken(upn))
            return GraphErrors.Result(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
        var user = new DirectoryUser
        {
            Id = Guid.NewGuid(),
            UserPrincipalName = upn,
            DisplayName = (string)body["displayName"]!,
            MailNickname = (string?)body["mailNickname"],
            GivenName = (string?)body["givenName"],
            Surname = (string?)body["surname"],
            JobTitle = (string?)body["jobTitle"],
            Mail = (string?)body["mail"],
            AccountEnabled = (bool?)body["accountEnabled"] ?? true,
            CreatedDateTime = s.Clock.UtcNow,
        };
        // proxyAddresses is read-only in Graph: Exchange derives it from the mailbox address.
        if (user.Mail is not null) user.ProxyAddresses.Add("SMTP:" + user.Mail);
        s.Directory.AddUser(user);
        var json = DirectoryJson.User(user);
        json.Insert(0, "@odata.context", $"{s.BaseUrl}/v1.0/$metadata#users/$entity");
        return GraphJson.Ok(json, 201);
    }

    private static async Task<IResult> Update(EmulatorState s, HttpContext ctx, string id)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (s.Directory.FindUser(id) is not { } user) return GraphErrors.UserNotFound(id);
        if (body.ContainsKey("proxyAddresses"))
            return GraphErrors.Result(400, "Request_BadRequest", "Property 'proxyAddresses' is read-only and cannot be set.");
        lock (s.Directory.Gate)
        {
            if (body["displayName"] is { } dn) user.DisplayName = (string)dn!;
            if (body["accountEnabled"] is { } ae) user.AccountEnabled = (bool)ae!;
            if (body.ContainsKey("mail")) user.Mail = (string?)body["mail"];
            if (body["jobTitle"] is { } jt) user.JobTitle = (string?)jt;
            if (body["givenName"] is { } gn) user.GivenName = (string?)gn;
            if (body["surname"] is { } sn) user.Surname = (string?)sn;
            if ((string?)body["userPrincipalName"] is { } upn && !string.Equals(upn, user.UserPrincipalName, StringComparison.OrdinalIgnoreCase))
            {
                if (s.Directory.UpnTaken(upn))
                    return GraphErrors.Result(400, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
                user.UserPrincipalName = upn;
            }
        }
        s.Directory.Touch(user);
        return Results.NoContent();
    }

    private static IResult Delete(EmulatorState s, string id)
    {
        if (s.Directory.FindUser(id) is not { } user) return GraphErrors.UserNotFound(id);
        lock (s.Directory.Gate) user.Deleted = true;
        s.Directory.Touch(user);
        s.RefreshTokens.RevokeForUser(user.Id);
        return Results.NoContent();
    }
}
