using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>Faults on demand, statistics, inspection and the simulation driver, through the control API.</summary>
public class ControlApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public ControlApiTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task Server_error_burst_surfaces_after_sdk_retries_on_503()
    {
        await _f.Control.AddFaultAsync(new { kind = "serverError", status = 503, count = 1, retryAfterSeconds = 1, pathContains = "/users/" });
        Assert.NotNull(await _f.Admin.Users[_f.User(1).Id].GetAsync());
        await _f.Control.AddFaultAsync(new { kind = "serverError", status = 500, count = 1 });
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.AdminNoRetry.Users[_f.User(1).Id].GetAsync());
        Assert.Equal(500, e.ResponseStatusCode);
        await _f.Control.AddFaultAsync(new { kind = "throttle", count = 2, retryAfterSeconds = 1 });
        var t = await Assert.ThrowsAsync<ODataError>(() => _f.AdminNoRetry.Users.GetAsync());
        Assert.Equal(429, t.ResponseStatusCode);
        await _f.Control.ClearFaultsAsync();
    }

    [Fact]
    public async Task Latency_fault_delays_responses()
    {
        var client = _f.Admin;
        await client.Users[_f.User(2).Id].GetAsync();
        await _f.Control.AddFaultAsync(new { kind = "latency", latencyMs = 300, count = 1 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await client.Users[_f.User(2).Id].GetAsync();
        Assert.True(watch.ElapsedMilliseconds >= 280);
    }

    [Fact]
    public async Task Revoked_permission_answers_403_and_expired_secrets_AADSTS7000222()
    {
        var (app, secret) = await AppRegistration.RegisterAsync(_f.Admin, "revoked", new[] { "Presence.Read.All" });
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret));
        await client.Users[_f.User(3).Id].Presence.GetAsync();
        await _f.Control.SendAsync(HttpMethod.Post, $"/apps/{app.AppId}/revoke", new { permission = "Presence.Read.All" });
        Assert.Equal(403, (await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(3).Id].Presence.GetAsync())).ResponseStatusCode);
        await _f.Control.SendAsync(HttpMethod.Post, $"/apps/{app.AppId}/expireSecrets");
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret).GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS7000222", e.ToString());
    }

    [Fact]
    public async Task Statistics_count_requests_by_endpoint_and_app_and_reset()
    {
        var client = _f.Admin;
        await client.Users[_f.User(4).Id].Presence.GetAsync();
        await _f.Control.ResetStatsAsync();
        await client.Users[_f.User(4).Id].Presence.GetAsync();
        await client.Communications.Presences[_f.User(4).Id].GetAsync();
        var stats = await _f.Control.StatsAsync(s => (long)s["totalRequests"]! >= 2);
        Assert.Equal(2, (long)stats["totalRequests"]!);
        Assert.Equal(1, (long)stats["byEndpoint"]!["GET /users/{id}/presence"]!);
        Assert.Equal(1, (long)stats["byEndpoint"]!["GET /communications/presences/{id}"]!);
        Assert.Equal(2, (long)stats["byApp"]![_f.Connection.ClientId]!);
        Assert.Equal(0, (long)stats["presenceWrites"]!);
    }

    [Fact]
    public async Task Inspection_shows_every_layer_of_a_users_presence()
    {
        var user = _f.User(5).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        await _f.Control.SetDeviceAsync(user, "mobile", "Busy", "InACall");
        await _f.Control.SetPreferredAsync(user, "DoNotDisturb", "DoNotDisturb");
        var state = await _f.Control.InspectAsync(user);
        Assert.Equal(2, state["sessions"]!.AsArray().Count);
        Assert.Equal("DoNotDisturb", (string?)state["preferred"]!["availability"]);
        Assert.Equal("DoNotDisturb", (string?)state["availability"]);
        await _f.Control.SignOutAsync(user);
        Assert.Equal("Offline", (string?)(await _f.Control.InspectAsync(user))["availability"]);
    }

    [Fact]
    public async Task Simulation_driver_changes_presence_repeatably_and_at_a_rate()
    {
        await _f.Control.SendAsync(HttpMethod.Post, "/simulation/step", new { count = 50, seed = 7 });
        var sim = await _f.Control.GetAsync("/simulation");
        Assert.Equal(50, (long)sim["changes"]!);
        await _f.Control.SendAsync(HttpMethod.Post, "/simulation/start", new { rate = 200, seed = 3 });
        // At 200 changes per second the count passes 60 within a few tens of milliseconds; a loaded
        // machine may start the driver's loop late, so poll (bounded) instead of sleeping a fixed time.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await _f.Control.GetAsync("/simulation"))["changes"]! <= 60 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True((bool)(await _f.Control.GetAsync("/simulation"))["running"]!);
        await _f.Control.SendAsync(HttpMethod.Post, "/simulation/stop");
        sim = await _f.Control.GetAsync("/simulation");
        Assert.True((long)sim["changes"]! > 60, $"{sim["changes"]} changes after starting the driver at 200 per second.");
        Assert.False((bool)sim["running"]!);
        var presence = (JsonArray)(await _f.Control.GetNodeAsync("/presence"))!;
        Assert.NotEmpty(presence);
    }
}
