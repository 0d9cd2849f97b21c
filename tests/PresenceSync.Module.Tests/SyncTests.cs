using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Start-PresenceSync scenarios against the Graph emulator, in the hosted PowerShell engine.</summary>
    // Tests that open loopback ports (event endpoints, webhooks, the quickstart) never run side by side:
    // a port picked free and released can be taken by a parallel test before it is bound.
    [Collection("Loopback ports")]
    public class SyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public SyncTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(5);
            Run(SyncFixture.Setup(_block, 5, SyncFixture.StandardRule)).ThrowOnError();
            _tenant.Control(HttpMethod.Post, "/stats/reset").GetAwaiter().GetResult();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<JsonObject> Presence(int agent) => await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");

        private async Task<long> Writes() => (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0;

        [Fact]
        public async Task An_inbound_call_shows_Busy_InACall_and_its_end_clears_the_session()
        {
            Run("Set-PresenceAgentState -AgentId S1 -State Inbound -CallType Inbound; Start-PresenceSync -Once").ThrowOnError();
            var during = await Presence(1);
            Assert.Equal("Busy", (string?)during["availability"]);
            Assert.Equal("InACall", (string?)during["activity"]);

            Run("Set-PresenceAgentState -AgentId S1 -State Available; Start-PresenceSync -Once").ThrowOnError();
            var after = await Presence(1);
            var hist = string.Join("\n", Run("Get-PresenceSyncHistory -AgentId S1 | ForEach-Object { $_.ToString() + ' ' + $_.Operation + ' ' + $_.Detail }").Output);
            Assert.True(!((JsonArray)after["sessions"]!).Any(x => (string?)x!["kind"] == "App"), after.ToJsonString() + "\n" + hist);
            Assert.DoesNotContain(((JsonArray)after["sessions"]!).Select(x => (string?)x!["kind"]), k => k == "App");

            var history = Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams").ThrowOnError().Output;
            Assert.Equal(new[] { "setPresence", "clearPresence" }, history.Select(h => (string)h.Properties["Operation"].Value));
            Assert.All(history, h => Assert.Equal("Pipeline", h.Properties["EventSource"].Value));
        }

        [Fact]
        public async Task Once_twice_in_a_row_makes_no_Graph_write_the_second_time()
        {
            Run("'S1','S2','S3' | ForEach-Object { Set-PresenceAgentState -AgentId $_ -State Inbound }; Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(3, await Writes());
            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            Run("Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(0, await Writes());
        }

        [Fact]
        public async Task A_Teams_meeting_changes_the_ACD_only_while_the_guard_allows()
        {
            Run("Set-PresenceAgentState S2 Available; Set-PresenceAgentState S3 Inbound; Start-PresenceSync -Once").ThrowOnError();
            foreach (var agent in new[] { 2, 3 })
                await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, agent)}/devices/desktop", new { availability = "Busy", activity = "InAMeeting" });

            var changes = Run("Start-PresenceSync -Once | Where-Object { $_ -is [PresenceSync.Engine.Sync.PresenceAcdChange] }").ThrowOnError().Output;
            var change = Assert.Single(changes);
            Assert.Equal("S2", change.Properties["AgentId"].Value);
            Assert.Equal("Meeting", change.Properties["State"].Value);
            Assert.Equal("ToAcd", Run("Get-PresenceSyncHistory -AgentId S2 -Last 1").ThrowOnError().Property(0, "Direction"));
        }

        [Fact]
        public async Task A_manual_status_is_reported_and_not_fought_or_overridden_when_the_rule_says_so()
        {
            Run("Set-PresenceAgentState S4 Inbound; Start-PresenceSync -Once").ThrowOnError();
            await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, 4)}/preferred", new { availability = "Away", activity = "Away" });
            await _tenant.Control(HttpMethod.Post, "/stats/reset");

            Run("Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(1, Run("Get-PresenceSyncStatus").ThrowOnError().Property(0, "HeldByManualStatus"));
            Assert.Equal("Manual", Run("Get-PresenceSyncHistory -AgentId S4 -Last 1").ThrowOnError().Property(0, "Direction"));
            Assert.Equal(0, await Writes());

            Run("Set-PresenceRule Sync -ManualStatusPolicy Override -ManualOverrideDuration 00:15:00; Start-PresenceSync -Once").ThrowOnError();
            var shown = await Presence(4);
            Assert.Equal("Busy", (string?)shown["availability"]);
            Assert.Equal("Busy", (string?)shown["preferred"]!["availability"]);
        }

        [Fact]
        public async Task Internal_calls_change_nothing_and_bad_events_are_refused_and_recorded()
        {
            var result = Run("Set-PresenceAgentState S5 Inbound -CallType Internal -PassThru; Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal("Ignored", result.Property(0, "Status"));
            Assert.Equal(0, await Writes());

            var bad = Run(@"Set-PresenceAgentState -AgentId NOPE -State Inbound
                            Set-PresenceAgentState -AgentId S5 -State Lunch
                            Set-PresenceAgentState -AgentId '' -State Inbound");
            Assert.Equal(new[] { "AgentNotFound", "UnknownAcdState", "MissingAgentId" }, bad.ErrorIds);
        }

        /// <summary>
        /// An HttpListener on a free loopback port. The port is picked free but released before the
        /// listener takes it, so another process may take it in between: then another port is tried.
        /// </summary>
        private static (System.Net.HttpListener Listener, int Port) StartListener()
        {
            for (var attempt = 1; ; attempt++)
            {
                var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
                probe.Start();
                var number = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var listener = new System.Net.HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{number}/");
                try
                {
                    listener.Start();
                    return (listener, number);
                }
                catch (System.Net.HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }
        }

        [Fact]
        public async Task ACD_changes_are_posted_signed_to_the_webhook_and_recorded_undeliverable_when_refused()
        {
            var (acd, number) = StartListener();
            using var _ = acd;
            var received = new System.Collections.Concurrent.ConcurrentQueue<(string Body, string? Signature, string? Timestamp)>();
            var refuse = false;
            var serving = Task.Run(async () =>
            {
                while (acd.IsListening)
                {
                    System.Net.HttpListenerContext http;
                    try { http = await acd.GetContextAsync(); } catch { return; }
                    using var reader = new System.IO.StreamReader(http.Request.InputStream);
                    received.Enqueue((await reader.ReadToEndAsync(), http.Request.Headers["X-PresenceSync-Signature"], http.Request.Headers["X-PresenceSync-Timestamp"]));
                    http.Response.StatusCode = refuse ? 500 : 200;
                    http.Response.Close();
                }
            });
            const string webhook = "-AcdWebhookUrl $Hook -AcdWebhookSecret ([System.Net.NetworkCredential]::new('', 'hook-secret').SecurePassword)";
            var variables = _tenant.Variables;
            variables["Hook"] = $"http://127.0.0.1:{number}/presence";

            Ps.Run("Set-PresenceAgentState S1 Available; Set-PresenceAgentState S2 Available; Start-PresenceSync -Once", variables).ThrowOnError();
            await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, 1)}/devices/desktop", new { availability = "Busy", activity = "InAMeeting" });
            Ps.Run("Start-PresenceSync -Once " + webhook, variables).ThrowOnError();
            var (body, signature, timestamp) = Assert.Single(received);
            Assert.Contains("\"state\":\"Meeting\"", body);
            using (var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes("hook-secret")))
                Assert.Equal("sha256=" + Convert.ToHexString(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant(), signature);
            Assert.Equal("OK", Ps.Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToAcd").ThrowOnError().Property(0, "Result"));

            refuse = true;
            await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, 2)}/devices/desktop", new { availability = "Busy", activity = "InAMeeting" });
            var refused = Ps.Run("Start-PresenceSync -Once " + webhook, variables);
            Assert.Contains(refused.Warnings, w => w.Contains("S2"));
            Assert.StartsWith("Undeliverable", (string)Ps.Run("Get-PresenceSyncHistory -AgentId S2 -Direction ToAcd").ThrowOnError().Property(0, "Result")!);
            Assert.Equal(4, received.Count); // one delivered, then three attempts refused
            acd.Stop();
            await serving;
        }

        [Fact]
        public async Task A_second_sync_on_the_store_is_refused_with_the_first_named_and_Stop_ends_it()
        {
            using var second = new PowerShellSession(Ps.StorePath);
            using var background = new PowerShellSession(Ps.StorePath);
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", _tenant.Variables).ThrowOnError();
            var task = Task.Run(() => background.Run("Start-PresenceSync -Duration 00:01:00", _tenant.Variables));
            try
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (DateTime.UtcNow < deadline && second.Run("(Get-PresenceSyncStatus).RunningOn").Output.All(o => o?.BaseObject == null))
                    await Task.Delay(200);
                Assert.False(task.IsCompleted, "The background sync ended early: " + (task.IsCompleted ? string.Join(" | ", task.Result.Errors) : ""));
                var refused = second.Run("Start-PresenceSync -Once", _tenant.Variables);
                Assert.Equal(new[] { "SyncAlreadyRunning" }, refused.ErrorIds);
                Assert.Contains("process", refused.Errors[0].Exception.Message);

                second.Run("Stop-PresenceSync").ThrowOnError();
                // The sync sees the request at the end of its current pass (1 s pacing); a loaded machine may take longer.
                Assert.Same(task, await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(25))));
            }
            finally
            {
                second.Run("Stop-PresenceSync");
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30)));
            }
        }
    }
}
