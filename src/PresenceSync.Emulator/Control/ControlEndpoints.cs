using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PresenceSync.Emulator.Presence;
using PresenceSync.Emulator.Simulation;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// The control API (not Graph: no token needed, loopback only): connection, clock, statistics,
/// throttling budget, write log and simulation of one tenant, under /_emulator for the first
/// tenant and /_emulator/tenants/{tenantId} for every tenant. The other groups live in
/// PresenceControl, IdentityControl, FaultControl and SubscriptionControl.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, string prefix, EmulatorState s, SimulationDriver driver, bool tenantScoped)
    {
        var c = app.MapGroup(prefix);
        c.MapGet("/connection", (HttpContext ctx, CancellationToken ct) => Results.Text(ConnectionLine(s), "application/json"));
        c.MapGet("/clock", () => Json(Clock(s)));
        c.MapPost("/clock/advance", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await Body(ctx);
            TimeSpan by;
            if ((string?)body["duration"] is { } iso && PresenceRules.ParseDuration(iso) is { } d) by = d;
            else if (body["seconds"] is { } seconds) by = TimeSpan.FromSeconds((double)seconds);
            else return Results.BadRequest(new { error = "Give {\"seconds\": n} or {\"duration\": \"PT5M\"}." });
            s.Clock.Advance(by);
            return Json(Clock(s));
        });
        c.MapGet("/stats", () => Json(s.Statistics.ToJson()));
        c.MapPost("/stats/reset", () => { s.Statistics.Reset(); return Results.NoContent(); });
        c.MapGet("/throttling", () => Json(Budget(s)));
        c.MapPut("/throttling", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await Body(ctx);
            // A new limit or window starts the budget afresh; switching the Retry-After format alone does not.
            if (body.ContainsKey("limit") || body.ContainsKey("windowSeconds"))
                s.Budget.Configure((int?)body["limit"] ?? s.Budget.Limit,
                    body["windowSeconds"] is { } w ? TimeSpan.FromSeconds((double)w) : s.Budget.Window);
            if ((bool?)body["fractionalRetryAfter"] is { } fractional) s.Budget.FractionalRetryAfter = fractional;
            return Json(Budget(s));
        });
        c.MapGet("/writes", (HttpContext ctx, CancellationToken ct) => Json(WriteLogJson.Page(s, ctx.Request.Query)));
        c.MapDelete("/writes", () => { s.Writes.Clear(); return Results.NoContent(); });
        c.MapGet("/simulation", () => Json(Simulation(driver)));
        c.MapPost("/simulation/start", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await Body(ctx);
            try { driver.Start((double?)body["rate"] ?? 1, (int?)body["seed"] ?? s.Options.SimulationSeed); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException) { return Results.Conflict(new { error = e.Message }); }
            return Json(Simulation(driver));
        });
        c.MapPost("/simulation/stop", async () => { await driver.StopAsync(); return Json(Simulation(driver)); });
        c.MapPost("/simulation/step", async (HttpContext ctx, CancellationToken ct) =>
        {
            var body = await Body(ctx);
            driver.Step((int?)body["count"] ?? 1, (int?)body["seed"] ?? s.Options.SimulationSeed);
            return Json(Simulation(driver));
        });
        PresenceControl.Map(c, s);
        IdentityControl.Map(c, s);
        FaultControl.Map(c, s, tenantScoped);
        SubscriptionControl.Map(c, s);
    }

    /// <summary>GET /_emulator/tenants: every tenant's connection (without the certificate fields) and its counters.</summary>
    public static void MapTenantList(IEndpointRouteBuilder app, IReadOnlyList<EmulatorState> tenants) =>
        app.MapGet("/_emulator/tenants", () => Json(new JsonArray(tenants.Select(t => (JsonNode)new JsonObject
        {
            ["connection"] = JsonNode.Parse(ConnectionLine(t)),
            ["users"] = t.Directory.AllUsers.Count(u => !u.Deleted),
            ["totalRequests"] = (long?)t.Statistics.ToJson()["totalRequests"],
            ["throttled"] = t.Statistics.Throttled,
            ["presenceWrites"] = t.Statistics.TotalWrites,
        }).ToArray())));

    internal static string ConnectionLine(EmulatorState s) => JsonSerializer.Serialize(new EmulatorConnection
    {
        GraphBaseUrl = $"{s.BaseUrl}/v1.0", AuthorityHost = $"{s.BaseUrl}/", TenantId = s.Directory.TenantId.ToString(),
        DomainName = s.Directory.DomainName, ClientId = s.AdminApp.AppId.ToString(),
        ClientSecret = s.AdminApp.PasswordCredentials.FirstOrDefault()?.SecretText ?? "", ControlUrl = s.ControlUrl,
    }, EmulatorConnection.Json);

    internal static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json; charset=utf-8");

    internal static async Task<JsonObject> Body(HttpContext ctx)
    {
        try { return await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject ?? new JsonObject(); }
        catch (JsonException) { return new JsonObject(); }
    }

    private static JsonObject Clock(EmulatorState s) => new() { ["now"] = s.Clock.UtcNow.ToString("O"), ["runsInRealTime"] = s.Clock.RunsInRealTime };
    private static JsonObject Budget(EmulatorState s) => new()
    {
        ["limit"] = s.Budget.Limit, ["windowSeconds"] = s.Budget.Window.TotalSeconds, ["fractionalRetryAfter"] = s.Budget.FractionalRetryAfter,
    };
    private static JsonObject Simulation(SimulationDriver d) => new() { ["running"] = d.Running, ["rate"] = d.Rate, ["seed"] = d.Seed, ["changes"] = d.Changes };
}
