using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>The long-running sync: the event endpoint, pacing, crash recovery, and many random events.</summary>
    // Tests that open loopback ports (event endpoints, webhooks, the quickstart) never run side by side:
    // a port picked free and released can be taken by a parallel test before it is bound.
    [Collection("Loopback ports")]
    public class SyncRunTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string Secret = "acd-shared-secret";
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public SyncRunTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(20);
            Run(SyncFixture.Setup(_block, 20, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        /// <summary>
        /// Starts Start-PresenceSync with its event endpoint in the background session and waits until
        /// the endpoint answers. The port is free when picked but released before the sync listens on
        /// it, so another process may take it in between: then the sync ends at once with
        /// EndpointUnavailable, and it is started again on another port.
        /// </summary>
        private async Task<(int Port, Task<ScriptResult> Sync)> StartWithEndpoint(PowerShellSession background, HttpClient http, string options)
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var sync = Task.Run(() => background.Run(
                    $"Start-PresenceSync {options} -EventPort {port} -EventSecret ([System.Net.NetworkCredential]::new('', '{Secret}').SecurePassword)",
                    _tenant.Variables));
                await WaitFor(async () => sync.IsCompleted || (await TryPost(http, port, "[]")) != null, TimeSpan.FromSeconds(30));
                if (!sync.IsCompleted) return (port, sync);
                var result = await sync;
                var errorIds = result.ErrorIds.Concat(result.Terminating == null ? Enumerable.Empty<string>()
                    : new[] { result.Terminating.ErrorRecord.FullyQualifiedErrorId.Split(',')[0] });
                if (attempt >= 3 || !errorIds.Contains("EndpointUnavailable"))
                    throw new InvalidOperationException("The sync ended before its event endpoint answered: " +
                        string.Join(" | ", result.Errors.Select(e => e.ToString())) + " " + result.Terminating?.Message);
            }
        }

        private static async Task<HttpResponseMessage> Post(HttpClient http, int port, string body, string? secret = Secret)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/events") { Content = new ByteArrayContent(bytes) };
            if (secret != null)
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
                request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
                request.Headers.Add("X-PresenceSync-Signature", Sign(secret, timestamp, bytes));
            }
            return await http.SendAsync(request);
        }

        [Fact]
        public async Task A_signed_HTTP_event_shows_in_Teams_within_one_pacing_interval_and_bad_ones_get_4xx()
        {
            var background = new PowerShellSession(Ps.StorePath);
            // A new session has no session secret: it is given again, as an admin would.
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", _tenant.Variables).ThrowOnError();
            using var http = new HttpClient();
            Task<ScriptResult>? sync = null;
            try
            {
                // The sync is stopped below; the duration only bounds a run whose test failed before the stop.
                (var port, sync) = await StartWithEndpoint(background, http, "-Duration 00:01:00");
                // Measure a running sync, not its start-up: the first pass (token, first Teams read,
                // JIT) is not what "within one pacing interval" is about.
                await WaitFor(() => Task.FromResult(Run("(Get-PresenceSyncStatus).LastPassUtc").Output.Any(o => o?.BaseObject != null)), TimeSpan.FromSeconds(30));
                var sent = Stopwatch.StartNew();
                var accepted = await Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Inbound\",\"callType\":\"Inbound\"}");
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                await WaitFor(async () => await Shown(1) == "Busy/InACall", TimeSpan.FromSeconds(30));
                // One pacing interval (1 s) plus the pass itself; generous for a loaded CI machine.
                Assert.True(sent.Elapsed < TimeSpan.FromSeconds(4), $"took {sent.Elapsed}");

                Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Available\"}", "wrong")).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Available\"}", null)).StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, (await Post(http, port, "{not json")).StatusCode);
                var unknown = await Post(http, port, "[{\"agentId\":\"NOPE\",\"state\":\"Inbound\"},{\"agentId\":\"S2\",\"state\":\"Lunch\"}]");
                Assert.Equal((HttpStatusCode)422, unknown.StatusCode);
                Assert.Contains("UnknownAcdState", await unknown.Content.ReadAsStringAsync());
                Assert.Equal(HttpStatusCode.Accepted, (await Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Available\"}")).StatusCode);
            }
            finally
            {
                Ps.Run("Stop-PresenceSync");
                if (sync != null) await sync;
                background.Dispose();
            }
            var refused = Run("Get-PresenceSyncHistory -Direction Refused").ThrowOnError().Output.Select(h => (string)h.Properties["Result"].Value).ToArray();
            // Forged requests are told of once a minute at most: the second one only counts.
            Assert.Equal(new[] { "InvalidEventSignature", "MalformedEvent", "AgentNotFound", "UnknownAcdState" }, refused);
        }

        [Fact]
        public async Task Writes_share_batch_requests_and_items_throttled_inside_a_batch_are_retried()
        {
            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "throttle", pathContains = "setPresence", count = 3, retryAfterSeconds = 1 });
            Run("1..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }; Start-PresenceSync -Once").ThrowOnError();

            // Wait for the last batch to be counted (the emulator counts a request just after answering it).
            var stats = await _tenant.Stats(s => ((long?)s["byEndpoint"]?["POST /$batch"] ?? 0) >= 2 && ((long?)s["presenceWrites"] ?? 0) >= 20
                && ((long?)s["throttled"] ?? 0) >= 3);
            var results = string.Join(",", Run("Get-PresenceSyncHistory -Direction ToTeams | ForEach-Object { $_.Result }").Output);
            Assert.True(20 == (long?)stats["presenceWrites"], stats.ToJsonString() + " " + results);
            Assert.Equal(3, (long?)stats["throttled"]);
            Assert.InRange((long?)stats["byEndpoint"]?["POST /$batch"] ?? 0, 2, 6); // 20 writes in batches of 20, plus the retries of the throttled items
            foreach (var agent in Enumerable.Range(1, 20)) Assert.Equal("Busy/InACall", await Shown(agent));
        }

        [Fact]
        public async Task A_sync_killed_mid_run_is_recovered_by_Once_and_converges_with_nothing_lost()
        {
            Run("1..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }").ThrowOnError();
            var script = $"Start-PresenceSync -Duration 00:02:00";
            using var process = HostProcess.Start(script, Ps.StorePath, _tenant.Connection.ClientSecret);
            try
            {
                // A new process starts the runtime, the engine and the module first: slow on a loaded machine.
                await WaitFor(() => Task.FromResult(Run("(Get-PresenceSyncStatus).RunningOn").Output.Any(o => o?.BaseObject != null)), TimeSpan.FromSeconds(60));
                // Slow the writes down so the kill lands while a pass has announced its writes and sent them.
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "latency", pathContains = "$batch", latencyMs = 4000 });
                Run("1..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Idle }").ThrowOnError();
                await WaitFor(() => Task.FromResult(Run("(Get-PresenceSyncStatus).PendingWrites").Output.Any() || true), TimeSpan.FromSeconds(1));
                await Task.Delay(2500);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
            var once = Run("Start-PresenceSync -Once");
            Assert.Empty(once.Errors);
            Assert.Contains(once.Warnings, w => w.StartsWith("Recovered the lock"));
            foreach (var agent in Enumerable.Range(1, 20)) Assert.Equal("Away/Away", await Shown(agent));
            var status = Run("Get-PresenceSyncStatus").ThrowOnError();
            Assert.Equal(20, status.Property(0, "InSync"));
            Assert.Equal(0, status.Property(0, "PendingWrites"));
        }

        [Fact]
        public async Task A_thousand_random_events_cause_no_ping_pong_and_every_write_traces_back_to_a_source_event()
        {
            var random = new Random(42);
            var states = new[] { "Inbound", "Outbound", "Conference", "LoggedOut", "Available", "Idle" };
            var teams = new[] { ("Busy", "InAMeeting"), ("Available", "Available"), ("Away", "Away"), ("DoNotDisturb", "Presenting"), ("Busy", "InACall") };
            for (var round = 0; round < 10; round++)
            {
                var events = string.Join(",", Enumerable.Range(0, 100).Select(_ =>
                    $"[pscustomobject]@{{ AgentId = 'S{random.Next(1, 21)}'; State = '{states[random.Next(states.Length)]}'; CallType = '{(random.Next(5) == 0 ? "Internal" : "Inbound")}' }}"));
                Run($"@({events}) | Set-PresenceAgentState").ThrowOnError();
                for (var i = 0; i < 5; i++)
                {
                    var (availability, activity) = teams[random.Next(teams.Length)];
                    await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, random.Next(1, 21))}/devices/mobile", new { availability, activity });
                }
                Run("Start-PresenceSync -Once | Out-Null").ThrowOnError();
            }

            var history = Run("Get-PresenceSyncHistory").ThrowOnError().Output;
            Assert.All(history.Where(h => (string)h.Properties["Direction"].Value == "ToTeams"), h => Assert.Equal("Pipeline", h.Properties["EventSource"].Value));
            Assert.All(history.Where(h => (string)h.Properties["Direction"].Value == "ToAcd"), h => Assert.Equal("Teams", h.Properties["EventSource"].Value));

            // Settled: with nothing new, further passes change nothing on either side.
            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            var quiet = Run("& { Start-PresenceSync -Once; Start-PresenceSync -Once } | Where-Object { $_ -is [PresenceSync.Engine.Sync.PresenceAcdChange] }").ThrowOnError();
            Assert.Empty(quiet.Output);
            Assert.Equal(0, (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0);
        }

        /// <summary>What an ACD does: HMAC-SHA256 over the body with the shared secret, as "sha256=hex".</summary>
        private static string Sign(string secret, string timestamp, byte[] body)
        {
            using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
            return "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray())).ToLowerInvariant();
        }

        private static async Task<HttpResponseMessage?> TryPost(HttpClient http, int port, string body)
        {
            try { return await Post(http, port, body); }
            catch (HttpRequestException) { return null; }
        }

        private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true in " + timeout);
                await Task.Delay(100);
            }
        }
    }
}
