using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// A long-running sync against edges that hang instead of failing: a Graph request that never
    /// returns, connections accepted and never answered, an ACD webhook that never answers, and a
    /// burst of Graph 5xx. The run goes on, the hung call is reported, and other agents keep being
    /// written meanwhile. Latencies are printed (not asserted tightly: a loaded machine varies).
    /// </summary>
    [Collection("Loopback ports")]
    public class SyncHardeningTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const int Agents = 30;
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;
        private readonly int _block;

        public SyncHardeningTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            _block = tenant.TakeBlock(Agents);
            Run(SyncFixture.Setup(_block, Agents, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<string> UserId(int agent) =>
            (string)(await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence"))["id"]!;

        /// <summary>Sets an agent's ACD state in the foreground session and measures until Teams shows what the rule makes of it.</summary>
        private async Task<TimeSpan> Written(int agent, string state, string shown, string what)
        {
            var watch = Stopwatch.StartNew();
            Run($"Set-PresenceAgentState -AgentId S{agent} -State {state}").ThrowOnError();
            await Poll.Until(async () => await Shown(agent) == shown, Deadline, what);
            _log.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
            return watch.Elapsed;
        }

        private object? Status(string property) => Run($"(Get-PresenceSyncStatus).{property}").Output.Select(o => o?.BaseObject).FirstOrDefault();

        private string History(int agent, string direction) =>
            string.Join(",", Run($"Get-PresenceSyncHistory -AgentId S{agent} -Direction {direction} | ForEach-Object {{ $_.Result }}").Output.Select(o => o.ToString()));

        private async Task<int> FaultsLeft() => ((JsonArray?)(await _tenant.Control(HttpMethod.Get, "/faults"))["value"])?.Count ?? 0;

        [Fact]
        public async Task A_presence_write_that_never_returns_fails_alone_is_reported_and_retried_while_other_agents_are_written()
        {
            var port = SignedEvents.FreePort();
            using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, $"-PollInterval 00:00:05 -CoalescingWindow 00:00:00.2 -EventPort {port} {SignedEvents.EventSecret}");
            try
            {
                var normal = await Written(2, "Inbound", "Busy/InACall", "normal write latency");
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "hang", pathContains = $"/users/{await UserId(1)}/presence", count = 1, hangSeconds = 120 });
                var hung = Stopwatch.StartNew();
                Run("Set-PresenceAgentState -AgentId S1 -State Inbound").ThrowOnError();
                // The write of S1 is on its way (and hangs) before the others are decided, so they go in other calls.
                await Poll.Until(async () => await FaultsLeft() == 0, Deadline, "the hang to take S1's write");
                var during = await Written(3, "Conference", "Busy/InAConferenceCall", "write latency for another agent while S1's write hangs");
                var also = await Written(4, "Outbound", "Busy/InACall", "a second agent while S1's write hangs");
                Assert.NotEqual("Busy/InACall", await Shown(1));
                Assert.True(hung.Elapsed < TimeSpan.FromSeconds(20), $"the other agents were written before the hung call's deadline ({hung.Elapsed})");

                // The hung call fails at its deadline and is reported, then the write is retried.
                await Poll.Until(() => History(1, "ToTeams").Contains("GraphRequestTimedOut"), Deadline, "the timed-out write in history");
                await Poll.Until(async () => await Shown(1) == "Busy/InACall", Deadline, "the retried write of S1");
                _log.WriteLine($"S1 written {hung.ElapsedMilliseconds} ms after its event (write deadline 20 s); history: {History(1, "ToTeams")}");
                Assert.True((int)Status("FailedWrites")! >= 1, "the status counts the failed write");
                Assert.Contains("GraphRequestTimedOut", (string?)Status("LastError") ?? "");

                // The event port still takes signed events (once, a hung call ended the run and the port with it).
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                using var accepted = await SignedEvents.Post(http, $"http://127.0.0.1:{port}/events", "{\"agentId\":\"S5\",\"state\":\"Inbound\"}");
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                await Poll.Until(async () => await Shown(5) == "Busy/InACall", Deadline, "an HTTP event after the hang");
                Assert.True(sync.Running, sync.Said);
                _log.WriteLine($"normal {normal.TotalMilliseconds:0} ms, during the hang {during.TotalMilliseconds:0} / {also.TotalMilliseconds:0} ms");
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        [Fact]
        public async Task A_presence_read_that_never_returns_is_reported_as_stale_Teams_and_writes_go_on()
        {
            using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, "-PollInterval 00:00:02 -CoalescingWindow 00:00:00.2");
            try
            {
                var normal = await Written(6, "Inbound", "Busy/InACall", "normal write latency");
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "hang", pathContains = "getPresencesByUserId", count = 1, hangSeconds = 120 });
                await Poll.Until(async () => await FaultsLeft() == 0, Deadline, "a read to hang");
                var hung = Stopwatch.StartNew();
                var during = await Written(7, "Conference", "Busy/InAConferenceCall", "write latency while a read hangs");
                // The read fails at its deadline (30 s) and says so; the next reads work again.
                await Poll.Until(() => ((string?)Status("TeamsError") ?? "").Contains("GraphRequestTimedOut") || sync.ErrorIds.Contains("GraphRequestTimedOut"),
                    Deadline, "the timed-out read to be reported");
                _log.WriteLine($"read timeout reported after {hung.ElapsedMilliseconds} ms: {Status("TeamsError")} | {sync.Said}");
                await Poll.Until(() => Status("TeamsStaleSinceUtc") == null, Deadline, "reads to recover");
                Assert.True(sync.Running, sync.Said);
                _log.WriteLine($"normal {normal.TotalMilliseconds:0} ms, during the hung read {during.TotalMilliseconds:0} ms");
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        private async Task<int> StallsLeft(string id) =>
            ((JsonArray?)(await _tenant.Control(HttpMethod.Get, "/faults"))["value"])?.Where(r => (string?)r!["id"] == id).Select(r => (int?)r!["count"] ?? 0).FirstOrDefault() ?? 0;

        [Fact]
        public async Task Connections_accepted_and_never_answered_do_not_stop_the_writes()
        {
            using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, "-PollInterval 00:00:02 -CoalescingWindow 00:00:00.2");
            try
            {
                var normal = await Written(8, "Inbound", "Busy/InACall", "normal write latency");
                // The next two new connections are accepted and never answered (not even TLS); a
                // read whose connection is reset makes the client open new ones.
                var stall = await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "stallConnections", count = 2, hangSeconds = 60 });
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "hang", pathContains = "getPresencesByUserId", count = 1, hangSeconds = 0.2 });
                var watch = Stopwatch.StartNew();
                Run($"9..{Agents} | ForEach-Object {{ Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }}").ThrowOnError();
                foreach (var agent in Enumerable.Range(9, Agents - 8))
                    await Poll.Until(async () => await Shown(agent) == "Busy/InACall", Deadline, $"S{agent} to be written while connections stall");
                var written = watch.Elapsed;
                // Reads go on too: the poll after the reset and the stalls succeeds again.
                await Poll.Until(async () => await StallsLeft((string)stall["id"]!) < 2, TimeSpan.FromSeconds(30), "a new connection to be stalled");
                var stalled = watch.Elapsed;
                var passBefore = (DateTime)Status("LastPassUtc")!;
                await Poll.Until(() => Status("LastPassUtc") is DateTime last && last > passBefore && Status("TeamsStaleSinceUtc") == null,
                    TimeSpan.FromSeconds(150), "a pass after the stall"); // each stalled read ends at its 30 s deadline
                _log.WriteLine($"{Agents - 8} agents written in {written.TotalMilliseconds:0} ms while new connections stalled (normal single write {normal.TotalMilliseconds:0} ms); " +
                    $"first stall after {stalled.TotalMilliseconds:0} ms, {await StallsLeft((string)stall["id"]!)} of 2 left, a full pass again after {watch.ElapsedMilliseconds} ms; said: {sync.Said}");
                var during = await Written(8, "Conference", "Busy/InAConferenceCall", "a write after the stalls");
                Assert.True(sync.Running, sync.Said);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        [Fact]
        public async Task An_ACD_webhook_that_accepts_and_never_answers_is_reported_undeliverable_and_Teams_writes_go_on()
        {
            using var webhook = new TcpListener(IPAddress.Loopback, 0);
            webhook.Start();
            var held = new List<TcpClient>();
            var accepting = Task.Run(async () =>
            {
                try { while (true) { var c = await webhook.AcceptTcpClientAsync(); lock (held) held.Add(c); } }
                catch (Exception) { } // stopped
            });
            var url = $"http://127.0.0.1:{((IPEndPoint)webhook.LocalEndpoint).Port}/acd";
            try
            {
                Run("Set-PresenceAgentState -AgentId S9 -State Available").ThrowOnError();
                using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, $"-PollInterval 00:00:01 -CoalescingWindow 00:00:00.2 -AcdWebhookUrl {url}");
                var normal = await Written(10, "Inbound", "Busy/InACall", "normal write latency");
                // Teams says S9 is in a meeting: the rule makes that Meeting on the ACD side, sent to the webhook, which hangs.
                var hung = Stopwatch.StartNew();
                await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, 9)}/devices/mobile", new { availability = "Busy", activity = "InAMeeting" });
                await Poll.Until(() => { lock (held) return held.Count > 0; }, Deadline, "the sync to call the webhook");
                var during = await Written(11, "Conference", "Busy/InAConferenceCall", "write latency while the webhook hangs");
                var also = await Written(12, "Outbound", "Busy/InACall", "a second write while the webhook hangs");
                Assert.Equal("", History(9, "ToAcd"));
                // Three attempts of 10 s each, then the change is recorded as undeliverable.
                await Poll.Until(() => History(9, "ToAcd").Contains("Undeliverable"), TimeSpan.FromSeconds(120), "the hung webhook in history");
                _log.WriteLine($"webhook reported after {hung.ElapsedMilliseconds} ms: {History(9, "ToAcd")}; normal {normal.TotalMilliseconds:0} ms, " +
                    $"during the hang {during.TotalMilliseconds:0} / {also.TotalMilliseconds:0} ms; connections held: {held.Count}");
                Assert.True(sync.Running, sync.Said);
            }
            finally
            {
                webhook.Stop();
                lock (held) foreach (var c in held) c.Dispose();
                await accepting;
            }
        }

        [Fact]
        public async Task A_burst_of_Graph_5xx_is_ridden_out_and_every_agent_converges()
        {
            using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, "-PollInterval 00:00:02 -CoalescingWindow 00:00:00.2");
            try
            {
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "$batch", status = 503, count = 6, retryAfterSeconds = 0.5 });
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", status = 500, count = 3 });
                var watch = Stopwatch.StartNew();
                Run("13..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Conference }").ThrowOnError();
                foreach (var agent in Enumerable.Range(13, 8))
                    await Poll.Until(async () => await Shown(agent) == "Busy/InAConferenceCall", Deadline, $"S{agent} to converge after the 5xx burst");
                _log.WriteLine($"converged {watch.ElapsedMilliseconds} ms after the events, through a burst of 5xx");
                Assert.True(sync.Running, sync.Said);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }
    }
}
