using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// Service principals and grants: enough for a script to register an app, create its service
/// principal, grant it Graph application permissions (appRoleAssignments) and delegated consent
/// (oauth2PermissionGrants).
/// </summary>
internal static class ServicePrincipalEndpoints
{
    private static readonly string[] ReadRoles = { "Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "AppRoleAssignment.ReadWrite.All" };
    private static readonly string[] WriteRoles = { "Application.ReadWrite.All" };
    private static readonly string[] GrantRoles = { "AppRoleAssignment.ReadWrite.All" };
    private static readonly string[] ConsentRoles = { "DelegatedPermissionGrant.ReadWrite.All" };
    private static readonly string[] AppScopes = { "Application.ReadWrite.All" };
    private static readonly string[] GrantScopes = { "AppRoleAssignment.ReadWrite.All" };
    private static readonly HashSet<string> Filterable = new(StringComparer.OrdinalIgnoreCase) { "id", "appId", "displayName" };

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapGet("/v1.0/servicePrincipals", (HttpContext ctx, CancellationToken ct) =>
                ListQuery.Page(ctx, s.BaseUrl, Snapshot(s), Property, Filterable, DirectoryJson.ServicePrincipal, null))
            .Graph(new("GET /servicePrincipals", ReadRoles, AppScopes));
        app.MapPost("/v1.0/servicePrincipals", (HttpContext ctx, CancellationToken ct) => Create(s, ctx)).Graph(new("POST /servicePrincipals", WriteRoles, AppScopes));
        app.MapGet("/v1.0/servicePrincipals(appId='{appId}')", (string appId) =>
                Guid.TryParse(appId, out var g) && s.Directory.FindServicePrincipalByAppId(g) is { } sp ? GraphJson.Ok(DirectoryJson.ServicePrincipal(sp)) : NotFound(appId))
            .Graph(new("GET /servicePrincipals(appId)", ReadRoles, AppScopes));
        app.MapGet("/v1.0/servicePrincipals/{id}", (string id) => Find(s, id) is { } sp ? GraphJson.Ok(DirectoryJson.ServicePrincipal(sp)) : NotFound(id))
            .Graph(new("GET /servicePrincipals/{id}", ReadRoles, AppScopes));
        app.MapPost("/v1.0/servicePrincipals/{id}/appRoleAssignments", (HttpContext ctx, string id) => Assign(s, ctx, id, asPrincipal: true))
            .Graph(new("POST /servicePrincipals/{id}/appRoleAssignments", GrantRoles, GrantScopes));
        app.MapPost("/v1.0/servicePrincipals/{id}/appRoleAssignedTo", (HttpContext ctx, string id) => Assign(s, ctx, id, asPrincipal: false))
            .Graph(new("POST /servicePrincipals/{id}/appRoleAssignedTo", GrantRoles, GrantScopes));
        app.MapGet("/v1.0/servicePrincipals/{id}/appRoleAssignments", (string id) => Assignments(s, id, asPrincipal: true))
            .Graph(new("GET /servicePrincipals/{id}/appRoleAssignments", ReadRoles, AppScopes));
        app.MapGet("/v1.0/servicePrincipals/{id}/appRoleAssignedTo", (string id) => Assignments(s, id, asPrincipal: false))
            .Graph(new("GET /servicePrincipals/{id}/appRoleAssignedTo", ReadRoles, AppScopes));
        app.MapDelete("/v1.0/servicePrincipals/{id}/appRoleAssignments/{assignmentId}", (string id, string assignmentId) => Unassign(s, id, assignmentId))
            .Graph(new("DELETE /servicePrincipals/{id}/appRoleAssignments/{assignmentId}", GrantRoles, GrantScopes));
        app.MapPost("/v1.0/oauth2PermissionGrants", (HttpContext ctx, CancellationToken ct) => Consent(s, ctx)).Graph(new("POST /oauth2PermissionGrants", ConsentRoles, new[] { "DelegatedPermissionGrant.ReadWrite.All" }));
        app.MapGet("/v1.0/oauth2PermissionGrants", () => Grants(s)).Graph(new("GET /oauth2PermissionGrants", ReadRoles.Concat(ConsentRoles).ToArray(), AppScopes));
    }

    private static List<ServicePrincipal> Snapshot(EmulatorState s) { lock (s.Directory.Gate) return s.Directory.ServicePrincipals.ToList(); }

    private static object? Property(ServicePrincipal sp, string name) => name.ToLowerInvariant() switch
    {
        "id" => sp.Id.ToString(), "appid" => sp.AppId.ToString(), "displayname" => sp.DisplayName, _ => null,
    };

    private static ServicePrincipal? Find(EmulatorState s, string id)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        lock (s.Directory.Gate) return s.Directory.ServicePrincipals.FirstOrDefault(x => x.Id == g);
    }

    private static IResult NotFound(string id) =>
        GraphErrors.Result(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private static async Task<IResult> Create(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (!Guid.TryParse((string?)body["appId"], out var appId) || s.Directory.FindApplicationByAppId(appId) is not { } app)
            return GraphErrors.Result(400, "Request_BadRequest", $"The appId '{body["appId"]}' of the service principal does not reference a valid application object.");
        if (s.Directory.FindServicePrincipalByAppId(appId) is not null)
            return GraphErrors.Result(409, "Request_MultipleObjectsWithSameKeyValue", "The service principal cannot be created, updated, or restored because the service principal name is already in use.");
        var sp = new ServicePrincipal { Id = Guid.NewGuid(), AppId = appId, DisplayName = app.DisplayName };
        lock (s.Directory.Gate) s.Directory.ServicePrincipals.Add(sp);
        return GraphJson.Ok(DirectoryJson.ServicePrincipal(sp), 201);
    }

    /// <summary>POST .../appRoleAssignments (id = principal) or .../appRoleAssignedTo (id = resource).</summary>
    private static async Task<IResult> Assign(EmulatorState s, HttpContext ctx, string id, bool asPrincipal)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (Find(s, id) is null) return NotFound(id);
        if (!Guid.TryParse((string?)body["principalId"], out var principalId) || !Guid.TryParse((string?)body["resourceId"], out var resourceId)
            || !Guid.TryParse((string?)body["appRoleId"], out var appRoleId))
            return GraphErrors.Result(400, "Request_BadRequest", "principalId, resourceId and appRoleId are required.");
        if ((asPrincipal ? principalId : resourceId).ToString() != Guid.Parse(id).ToString())
            return GraphErrors.Result(400, "Request_BadRequest", "The id in the URL must match the " + (asPrincipal ? "principalId" : "resourceId") + ".");
        if (Find(s, principalId.ToString()) is null) return NotFound(principalId.ToString());
        if (Find(s, resourceId.ToString()) is not { } resource) return NotFound(resourceId.ToString());
        if (!resource.AppRoles.ContainsValue(appRoleId))
            return GraphErrors.Result(400, "Request_BadRequest", "Permission being assigned was not found on application");
        AppRoleAssignment assignment;
        lock (s.Directory.Gate)
        {
            if (s.Directory.AppRoleAssignments.Any(a => a.PrincipalId == principalId && a.ResourceId == resourceId && a.AppRoleId == appRoleId))
                return GraphErrors.Result(400, "Request_BadRequest", "Permission being assigned already exists on the object");
            assignment = new AppRoleAssignment
            {
                Id = Guid.NewGuid(), PrincipalId = principalId, ResourceId = resourceId, AppRoleId = appRoleId, CreatedDateTime = s.Clock.UtcNow,
            };
            s.Directory.AppRoleAssignments.Add(assignment);
        }
        return GraphJson.Ok(DirectoryJson.Assignment(assignment, s.Directory), 201);
    }

    private static IResult Assignments(EmulatorState s, string id, bool asPrincipal)
    {
        if (Find(s, id) is not { } sp) return NotFound(id);
        List<AppRoleAssignment> list;
        lock (s.Directory.Gate) list = s.Directory.AppRoleAssignments.Where(a => asPrincipal ? a.PrincipalId == sp.Id : a.ResourceId == sp.Id).ToList();
        return GraphJson.Ok(new JsonObject { ["value"] = new JsonArray(list.Select(a => (JsonNode)DirectoryJson.Assignment(a, s.Directory)).ToArray()) });
    }

    private static IResult Unassign(EmulatorState s, string id, string assignmentId)
    {
        lock (s.Directory.Gate)
        {
            var removed = s.Directory.AppRoleAssignments.RemoveAll(a => a.Id.ToString() == assignmentId && a.PrincipalId.ToString() == id);
            return removed > 0 ? Results.NoContent() : NotFound(assignmentId);
        }
    }

    private static async Task<IResult> Consent(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body is null) return GraphErrors.InvalidBody();
        if (!Guid.TryParse((string?)body["clientId"], out var clientId) || !Guid.TryParse((string?)body["resourceId"], out var resourceId))
            return GraphErrors.Result(400, "Request_BadRequest", "clientId and resourceId are required.");
        var consentType = (string?)body["consentType"] ?? "AllPrincipals";
        Guid? principalId = Guid.TryParse((string?)body["principalId"], out var p) ? p : null;
        if (consentType == "Principal" && principalId is null)
            return GraphErrors.Result(400, "Request_BadRequest", "principalId is required when consentType is Principal.");
        var grant = new OAuth2PermissionGrant
        {
            Id = Jwt.B64Url(RandomNumberGenerator.GetBytes(24)), ClientId = clientId, ConsentType = consentType,
            PrincipalId = principalId, ResourceId = resourceId, Scope = (string?)body["scope"] ?? "",
        };
        lock (s.Directory.Gate) s.Directory.PermissionGrants.Add(grant);
        return GraphJson.Ok(GrantJson(grant), 201);
    }

    private static IResult Grants(EmulatorState s)
    {
        lock (s.Directory.Gate)
            return GraphJson.Ok(new JsonObject { ["value"] = new JsonArray(s.Directory.PermissionGrants.Select(g => (JsonNode)GrantJson(g)).ToArray()) });
    }

    private static JsonObject GrantJson(OAuth2PermissionGrant g) => new()
    {
        ["id"] = g.Id, ["clientId"] = g.ClientId.ToString(), ["consentType"] = g.ConsentType,
        ["principalId"] = g.PrincipalId?.ToString(), ["resourceId"] = g.ResourceId.ToString(), ["scope"] = g.Scope,
    };
}
