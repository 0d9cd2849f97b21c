using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>A running sync meets a token endpoint that fails and one that never answers: the calls that needed a token fail alone, are reported and retried.</summary>
    [Collection("Loopback ports")]
    public class HungTokenTests : ModuleTestBase, IClassFixture<ShortTokenFixture>
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
        private readonly ShortTokenFixture _tenant;
        private readonly ITestOutputHelper _log;

        public HungTokenTests(ShortTokenFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            Run(SyncFixture.Setup(0, 10, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(0, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<TimeSpan> Written(int agent, string state, string shown, string what)
        {
            var watch = Stopwatch.StartNew();
            Run($"Set-PresenceAgentState -AgentId S{agent} -State {state}").ThrowOnError();
            await Poll.Until(async () => await Shown(agent) == shown, Deadline, what);
            _log.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
            return watch.Elapsed;
        }

        private async Task<int> FaultsLeft() => ((JsonArray?)(await _tenant.Control(HttpMethod.Get, "/faults"))["value"])?.Count ?? 0;

        [Fact]
        public async Task A_token_endpoint_that_hangs_or_fails_costs_one_call_and_the_sync_goes_on_writing()
        {
            // Reads only every ten minutes: the calls that meet the token endpoint are the writes.
            using var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, "-PollInterval 00:10:00 -CoalescingWindow 00:00:00.2");
            var normal = await Written(1, "Inbound", "Busy/InACall", "normal write latency");
            try
            {
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "hang", target = "identity", pathContains = "/oauth2/v2.0/token", count = 1, hangSeconds = 120 });
                var hung = Stopwatch.StartNew();
                Run("Set-PresenceAgentState -AgentId S2 -State Inbound").ThrowOnError();
                await Poll.Until(async () => await FaultsLeft() == 0, Deadline, "a token request to hang");
                var during = await Written(3, "Conference", "Busy/InAConferenceCall", "write latency for another agent while a token request hangs");
                Assert.NotEqual("Busy/InACall", await Shown(2));
                Assert.True(hung.Elapsed < TimeSpan.FromSeconds(20), $"another agent was written before the hung call's deadline ({hung.Elapsed})");
                await Poll.Until(async () => await Shown(2) == "Busy/InACall", Deadline, "the write that waited for the hung token to be retried");
                var history = string.Join(",", Run("Get-PresenceSyncHistory -AgentId S2 -Direction ToTeams | ForEach-Object { $_.Result }").Output);
                _log.WriteLine($"S2 written {hung.ElapsedMilliseconds} ms after its event; history {history}; normal {normal.TotalMilliseconds:0} ms, other agent {during.TotalMilliseconds:0} ms");
                Assert.StartsWith("GraphRequestTimedOut", history);

                // A token endpoint answering 503 a few times: retried, and the writes land.
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", target = "identity", pathContains = "/oauth2/v2.0/token", status = 503, count = 3, retryAfterSeconds = 0.5 });
                await Written(4, "Outbound", "Busy/InACall", "write latency through token 503s");
                Assert.True(sync.Running, sync.Said);
                _log.WriteLine("said: " + sync.Said);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }
    }
}
