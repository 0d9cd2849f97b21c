using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Faults;

/// <summary>
/// Fault kinds for edges that hang rather than fail, so product tests need no proxy: a reply that
/// never comes, a connection accepted and never answered, a trickled reply, and a failing or hung
/// token endpoint. Every client here gives up after a short deadline, so each test takes seconds.
/// </summary>
public class HungEdgeTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromMilliseconds(800);
    private readonly EmulatorFixture _f;
    public HungEdgeTests(EmulatorFixture f) => _f = f;

    private string PresenceUrl(int user) => $"{_f.Connection.GraphBaseUrl}/users/{_f.User(user).Id}/presence";

    private async Task<HttpClient> ClientAsync(TimeSpan timeout)
    {
        var http = EmulatorGraph.PinnedHttpClient(_f.Connection);
        http.Timeout = timeout;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EmulatorGraph.AdminTokenAsync(_f.Connection));
        return http;
    }

    [Fact]
    public async Task A_hung_graph_request_is_never_answered_and_the_next_one_is()
    {
        await _f.Control.AddFaultAsync(new { kind = "hang", pathContains = $"/users/{_f.User(15).Id}/presence", count = 1 });
        using var http = await ClientAsync(GiveUp);
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(PresenceUrl(15)));
        Assert.True(watch.Elapsed >= GiveUp - TimeSpan.FromMilliseconds(50), "the client gave up at its own deadline, not on an answer");
        // The SDK caller sees the same: its cancellation is the only way out.
        using var cts = new CancellationTokenSource(GiveUp);
        await _f.Control.AddFaultAsync(new { kind = "hang", pathContains = $"/users/{_f.User(15).Id}/presence", count = 1 });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _f.AdminNoRetry.Users[_f.User(15).Id].Presence.GetAsync(cancellationToken: cts.Token));
        // The rules were used up: the edge answers again.
        Assert.Equal("Offline", (await _f.AdminNoRetry.Users[_f.User(15).Id].Presence.GetAsync())!.Availability);
        // Hung requests are counted with status 0 (no answer).
        var stats = await _f.Control.StatsAsync(s => (long?)s["byStatus"]?["0"] >= 2);
        Assert.True((long?)stats["byStatus"]!["0"] >= 2);
    }

    [Fact]
    public async Task A_hang_that_outlasts_its_time_resets_the_connection()
    {
        await _f.Control.AddFaultAsync(new { kind = "hang", pathContains = $"/users/{_f.User(16).Id}/presence", count = 1, hangSeconds = 0.3 });
        using var http = await ClientAsync(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(PresenceUrl(16)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_stalled_connection_is_accepted_and_never_answered_not_even_its_tls_handshake()
    {
        using var warm = await ClientAsync(TimeSpan.FromSeconds(10));
        Assert.True((await warm.GetAsync(PresenceUrl(17))).IsSuccessStatusCode);
        using var fresh = await ClientAsync(GiveUp);
        // In process, through the shared fault injector (the control API's POST /faults does the same).
        _f.Emulator.State.Faults.Add(new FaultRule { Kind = "stallConnections", Count = 1, HangSeconds = 30 });
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => fresh.GetAsync(PresenceUrl(17)));
        // A connection that was already open was not touched, and the next new one works.
        Assert.True((await warm.GetAsync(PresenceUrl(17))).IsSuccessStatusCode);
        using var later = await ClientAsync(TimeSpan.FromSeconds(10));
        Assert.True((await later.GetAsync(PresenceUrl(17))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_slow_reply_sends_its_headers_at_once_and_trickles_the_body()
    {
        await _f.Control.AddFaultAsync(new { kind = "slowReply", pathContains = $"/users/{_f.User(18).Id}/presence", count = 1, trickleMs = 250, chunkBytes = 1 });
        using var impatient = await ClientAsync(GiveUp);
        using var response = await impatient.GetAsync(PresenceUrl(18), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, "status and headers arrive before the deadline");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var cts = new CancellationTokenSource(GiveUp);
            await response.Content.ReadAsStringAsync(cts.Token);
        });

        await _f.Control.AddFaultAsync(new { kind = "slowReply", pathContains = $"/users/{_f.User(18).Id}/presence", count = 1, trickleMs = 100, chunkBytes = 100 });
        using var patient = await ClientAsync(TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();
        var body = JsonNode.Parse(await patient.GetStringAsync(PresenceUrl(18)))!;
        Assert.Equal(_f.User(18).Id, (string?)body["id"]);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"the body came in chunks 100 ms apart ({watch.ElapsedMilliseconds} ms)");
    }

    [Fact]
    public async Task A_token_endpoint_fails_with_503_and_retry_after_or_hangs()
    {
        var tokenUrl = $"{_f.Connection.AuthorityHost}{_f.Connection.TenantId}/oauth2/v2.0/token";
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _f.Connection.ClientId, ["client_secret"] = _f.Connection.ClientSecret,
            ["scope"] = EmulatorGraph.GraphScope,
        });
        await _f.Control.AddFaultAsync(new { kind = "serverError", target = "identity", pathContains = "/oauth2/v2.0/token", status = 503, retryAfterSeconds = 2.5, count = 1 });
        using var http = EmulatorGraph.PinnedHttpClient(_f.Connection);
        http.Timeout = TimeSpan.FromSeconds(10);
        using (var failed = await http.PostAsync(tokenUrl, Form()))
        {
            Assert.Equal(503, (int)failed.StatusCode);
            Assert.Equal("2.5", failed.Headers.NonValidated["Retry-After"].ToString());
            Assert.Equal("temporarily_unavailable", (string?)JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["error"]);
        }
        using (var ok = await http.PostAsync(tokenUrl, Form())) Assert.True(ok.IsSuccessStatusCode);

        // Azure.Identity reports a token endpoint that keeps failing.
        await _f.Control.AddFaultAsync(new { kind = "serverError", target = "identity", pathContains = "/oauth2/v2.0/token", status = 500, count = 5 });
        try
        {
            await Assert.ThrowsAsync<Azure.Identity.AuthenticationFailedException>(async () =>
                await EmulatorGraph.SecretCredential(_f.Connection).GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default));
        }
        finally { await _f.Control.ClearFaultsAsync(); }

        // A hung token endpoint: the client's deadline is the only answer.
        using var impatient = EmulatorGraph.PinnedHttpClient(_f.Connection);
        impatient.Timeout = GiveUp;
        await _f.Control.AddFaultAsync(new { kind = "hang", target = "identity", pathContains = "/oauth2/v2.0/token", count = 1 });
        try { await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.PostAsync(tokenUrl, Form())); }
        finally { await _f.Control.ClearFaultsAsync(); }
    }

    [Fact]
    public async Task A_fault_with_a_duration_ends_when_the_emulator_clock_passes_it()
    {
        await _f.Control.AddFaultAsync(new { kind = "hang", pathContains = $"/users/{_f.User(19).Id}/presence", durationSeconds = 60 });
        using var http = await ClientAsync(GiveUp);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(PresenceUrl(19)));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync(PresenceUrl(19)));
        await _f.Control.AdvanceAsync(TimeSpan.FromSeconds(61));
        Assert.True((await http.GetAsync(PresenceUrl(19))).IsSuccessStatusCode);
    }
}
