using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Rows towards Teams with a minimum duration, through a running sync and the emulator: a call
    /// shorter than the row's duration causes no Teams write and is recorded as skipped; a longer
    /// one is written once the duration has passed.
    /// </summary>
    [Collection("Loopback ports")]
    public class MinimumDurationSyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string Rule = "New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall after 3s', 'Conference => Busy/InAConferenceCall', " +
            "'LoggedOut => Clear', 'Available => Clear'";
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public MinimumDurationSyncTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(4);
            Run(SyncFixture.Setup(_block, 4, Rule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<long> WritesTo(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return ((System.Text.Json.Nodes.JsonArray)p["sessions"]!).Count(s => (string?)s!["kind"] == "App");
        }

        [Fact]
        public async Task A_call_shorter_than_the_rows_duration_writes_nothing_and_is_recorded_as_skipped_and_a_longer_one_is_written_after_it()
        {
            var port = SignedEvents.FreePort();
            using (var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, $"-PollInterval 00:10:00 -EventPort {port} {SignedEvents.EventSecret}"))
            {
                using var http = new HttpClient();
                var before = await Shown(1);
                await _tenant.Control(HttpMethod.Post, "/stats/reset");

                // A short call: Inbound, then Available after a second (the row waits three).
                Assert.Equal(HttpStatusCode.Accepted, (await SignedEvents.Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Inbound\"}")).StatusCode);
                await Task.Delay(1000);
                Assert.Equal(HttpStatusCode.Accepted, (await SignedEvents.Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Available\"}")).StatusCode);
                await Poll.Until(() => Run("Get-PresenceSyncHistory -AgentId S1 | Where-Object Result -eq 'SkippedShort'").Output.Count == 1,
                    TimeSpan.FromSeconds(20), "the short call to be recorded as skipped");
                await Task.Delay(3500); // past the row's duration: a deferred write would have come by now
                Assert.Equal(0L, (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0);
                Assert.Equal(before, await Shown(1));
                Assert.Equal(0, await WritesTo(1));

                // A long call: not shown while the row waits, shown once it has lasted three seconds.
                var started = DateTime.UtcNow;
                Assert.Equal(HttpStatusCode.Accepted, (await SignedEvents.Post(http, port, "{\"agentId\":\"S2\",\"state\":\"Inbound\"}")).StatusCode);
                await Task.Delay(1500);
                Assert.NotEqual("Busy/InACall", await Shown(2));
                await Poll.Until(async () => await Shown(2) == "Busy/InACall", TimeSpan.FromSeconds(20), "the long call to show in Teams");
                Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(3), "written before the row's duration had passed");
            }

            var skipped = Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams").ThrowOnError().Output;
            var entry = Assert.Single(skipped);
            Assert.Equal("SkippedShort", entry.Properties["Result"].Value);
            Assert.Equal("Busy/InACall", entry.Properties["After"].Value);
            Assert.Null(entry.Properties["Operation"].Value);
            Assert.Contains("lasted", (string)entry.Properties["Detail"].Value);

            var written = Run("Get-PresenceSyncHistory -AgentId S2 -Direction ToTeams").ThrowOnError().Output;
            var write = Assert.Single(written);
            Assert.Equal("OK", write.Properties["Result"].Value);
            Assert.Equal("Busy/InACall", write.Properties["After"].Value);
        }
    }
}
