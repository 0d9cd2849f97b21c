using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The event-driven sync: events decided within the coalescing window instead of at a pass,
    /// configuration picked up while running, and every edge failing on its own.
    /// </summary>
    [Collection("Loopback ports")]
    public class SyncCoreTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string Secret = "acd-shared-secret";
        private const string EventSecret = "-EventSecret ([System.Net.NetworkCredential]::new('', 'acd-shared-secret').SecurePassword)";
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public SyncCoreTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(10);
            Run(SyncFixture.Setup(_block, 10, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<long> Writes() => (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0;

        /// <summary>A second session on the same store, running Start-PresenceSync in the background until stopped.</summary>
        private async Task<(PowerShellSession Session, System.Management.Automation.PowerShell Sync)> StartSync(string options)
        {
            var background = new PowerShellSession(Ps.StorePath);
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", _tenant.Variables).ThrowOnError();
            var sync = background.Begin("Start-PresenceSync " + options, _tenant.Variables);
            await Poll.Until(() => Run("(Get-PresenceSyncStatus).LastPassUtc").Output.Any(o => o?.BaseObject != null) || sync.InvocationStateInfo.State != System.Management.Automation.PSInvocationState.Running,
                TimeSpan.FromSeconds(60), "the background sync to finish its first reconcile");
            if (sync.InvocationStateInfo.State != System.Management.Automation.PSInvocationState.Running)
                throw new InvalidOperationException("The background sync ended early: " + string.Join(" | ", ErrorsOf(sync).Select(e => e.ToString())));
            return (background, sync);
        }

        /// <summary>The errors a running pipeline has written so far (enumerating its stream would wait for it to end).</summary>
        private static System.Collections.Generic.List<System.Management.Automation.ErrorRecord> ErrorsOf(System.Management.Automation.PowerShell sync) =>
            Enumerable.Range(0, sync.Streams.Error.Count).Select(i => sync.Streams.Error[i]).ToList();

        private static void Stop(PowerShellSession session, System.Management.Automation.PowerShell sync)
        {
            if (sync.InvocationStateInfo.State == System.Management.Automation.PSInvocationState.Running) sync.Stop();
            sync.Dispose();
            session.Dispose();
        }

        [Fact]
        public async Task An_event_is_written_without_waiting_for_a_pass_and_a_burst_of_one_agent_gives_one_write()
        {
            var port = FreePort();
            // A poll interval of ten minutes: nothing but the event itself can cause the write.
            var (session, sync) = await StartSync($"-PollInterval 00:10:00 -CoalescingWindow 00:00:01 -EventPort {port} {EventSecret}");
            try
            {
                using var http = new HttpClient();
                await _tenant.Control(HttpMethod.Post, "/stats/reset");
                foreach (var state in new[] { "Inbound", "Available", "Conference" })
                    Assert.Equal(HttpStatusCode.Accepted, (await Post(http, port, $"{{\"agentId\":\"S1\",\"state\":\"{state}\"}}")).StatusCode);
                await Poll.Until(async () => await Shown(1) == "Busy/InAConferenceCall", TimeSpan.FromSeconds(20), "the newest state to show in Teams");
                await Task.Delay(1500); // a second write would come within the next window
                Assert.Equal(1, await Writes());
            }
            finally
            {
                Stop(session, sync);
            }
            var history = Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams").ThrowOnError().Output;
            var write = Assert.Single(history);
            Assert.Equal("Busy/InAConferenceCall", write.Properties["After"].Value);
            Assert.Equal("Http", write.Properties["EventSource"].Value);
            Assert.Equal(_tenant.Connection.ClientId, write.Properties["App"].Value);
        }

        [Fact]
        public async Task Set_PresenceAgentState_in_another_session_and_a_rule_changed_meanwhile_reach_a_running_sync()
        {
            var (session, sync) = await StartSync("-PollInterval 00:10:00");
            try
            {
                Run("Set-PresenceAgentState -AgentId S2 -State Inbound").ThrowOnError();
                await Poll.Until(async () => await Shown(2) == "Busy/InACall", TimeSpan.FromSeconds(20), "the pipeline's event to show in Teams");

                Run("Set-PresenceRule -Name Sync -Row 'Inbound => Busy/InAConferenceCall', 'Available => Clear', 'Busy/InAMeeting => Meeting when Available,Idle'").ThrowOnError();
                await Poll.Until(async () => await Shown(2) == "Busy/InAConferenceCall", TimeSpan.FromSeconds(20), "the changed rule to apply");
            }
            finally
            {
                Stop(session, sync);
            }
        }

        [Fact]
        public async Task Writes_go_on_while_Teams_reads_fail_and_the_status_says_the_view_is_stale()
        {
            var (session, sync) = await StartSync("-PollInterval 00:00:01");
            try
            {
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", status = 403 });
                await Poll.Until(() => Run("(Get-PresenceSyncStatus).TeamsStaleSinceUtc").Output.Any(o => o?.BaseObject != null), TimeSpan.FromSeconds(30), "the status to say Teams is stale");
                Run("Set-PresenceAgentState -AgentId S3 -State Inbound").ThrowOnError();
                await Poll.Until(async () => await Shown(3) == "Busy/InACall", TimeSpan.FromSeconds(20), "a write while reads fail");

                await _tenant.Control(HttpMethod.Delete, "/faults");
                await Poll.Until(() => !Run("(Get-PresenceSyncStatus).TeamsStaleSinceUtc").Output.Any(o => o?.BaseObject != null), TimeSpan.FromSeconds(30), "reads to recover");
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
                Stop(session, sync);
            }
        }

        [Fact]
        public async Task A_taken_event_port_is_reported_and_the_other_sources_keep_working()
        {
            using var taken = new TcpListener(IPAddress.Loopback, 0);
            taken.Start();
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var (session, sync) = await StartSync($"-PollInterval 00:10:00 -EventPort {port} {EventSecret}");
            try
            {
                await Poll.Until(() => ErrorsOf(sync).Any(e => e.FullyQualifiedErrorId.StartsWith("EventEndpointUnavailable")), TimeSpan.FromSeconds(30), "the endpoint's error");
                var sources = Run("(Get-PresenceSyncStatus).Sources | Where-Object Source -eq Http").ThrowOnError();
                Assert.Equal(false, sources.Property(0, "Healthy"));
                Run("Set-PresenceAgentState -AgentId S4 -State Inbound").ThrowOnError();
                await Poll.Until(async () => await Shown(4) == "Busy/InACall", TimeSpan.FromSeconds(20), "the store intake to keep working");
            }
            finally
            {
                Stop(session, sync);
            }
        }

        [Fact]
        public async Task Stopping_the_pipeline_lets_the_writes_on_their_way_land_and_frees_the_lock_before_it_returns()
        {
            var (session, sync) = await StartSync("-PollInterval 00:10:00");
            try
            {
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "latency", pathContains = "$batch", latencyMs = 6000 });
                Run("5..9 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }").ThrowOnError();
                await Poll.Until(() => (int)Run("(Get-PresenceSyncStatus).PendingWrites").Output.Select(o => o.BaseObject).FirstOrDefault()! > 0,
                    TimeSpan.FromSeconds(20), "the writes to be on their way");
                sync.Stop(); // what Ctrl+C does: returns once the cmdlet has finished
                Assert.Null(Run("(Get-PresenceSyncStatus).RunningOn").Output.Select(o => o?.BaseObject).FirstOrDefault());
                Assert.Equal(0, Run("(Get-PresenceSyncStatus).PendingWrites").Output.Select(o => o.BaseObject).First());
                foreach (var agent in Enumerable.Range(5, 5)) Assert.Equal("Busy/InACall", await Shown(agent));
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
                Stop(session, sync);
            }
        }

        [Fact]
        public void Once_reports_each_app_of_the_unit_with_its_budget_and_queue()
        {
            Run("Set-PresenceAgentState -AgentId S10 -State Inbound; Start-PresenceSync -Once").ThrowOnError();
            var app = Run("(Get-PresenceSyncStatus).Apps").ThrowOnError();
            Assert.Equal(_tenant.Connection.ClientId, app.Property(0, "ClientId"));
            Assert.Equal(10, app.Property(0, "Agents"));
            Assert.Equal(1500, app.Property(0, "Budget"));
            Assert.Equal(0, app.Property(0, "QueueLength"));
            Assert.True((long)app.Property(0, "Writes")! >= 1);
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        private static async Task<HttpResponseMessage> Post(HttpClient http, int port, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/events") { Content = new ByteArrayContent(bytes) };
                using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
                request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
                request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes(timestamp + ".").Concat(bytes).ToArray())).ToLowerInvariant());
                try { return await http.SendAsync(request); }
                catch (HttpRequestException) when (attempt < 50) { await Task.Delay(200); } // the endpoint may still be starting
            }
        }
    }
}
