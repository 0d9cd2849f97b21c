using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Start-PresenceSync takes its business units from the pipeline, as its help says: from
    /// Get-PresenceSyncApp, Get-PresenceBusinessUnit or plain names, collected into one run.
    /// </summary>
    public class SyncPipelineTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string PresenceReads = "POST /communications/getPresencesByUserId";
        private readonly SyncFixture _tenant;
        private readonly int _default;
        private readonly int _second;
        private readonly int _third;

        public SyncPipelineTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _default = tenant.TakeBlock(2);
            _second = tenant.TakeBlock(2);
            _third = tenant.TakeBlock(2);
            Run(SyncFixture.Setup(_default, 2, SyncFixture.StandardRule)).ThrowOnError();
            Run(UnitSetup("Second", _second) + "; " + UnitSetup("Third", _third)).ThrowOnError();
            Run("New-PresenceBusinessUnit NoApp | Out-Null").ThrowOnError();
            Run("foreach ($unit in 'Default', 'Second', 'Third') { Set-PresenceAgentState -BusinessUnit $unit -AgentId S1 -State Inbound }").ThrowOnError();
            _tenant.Control(HttpMethod.Post, "/stats/reset").GetAwaiter().GetResult();
        }

        /// <summary>A unit with its own app record, directory, agents S1..S2 mapped to the block's users, and the standard rule.</summary>
        private static string UnitSetup(string unit, int block) =>
            $"New-PresenceBusinessUnit {unit} | Out-Null; " +
            TenantFixture.Connect + $" -BusinessUnit {unit} | Out-Null; Sync-PresenceTeamsUser -BusinessUnit {unit} | Out-Null; " +
            $"1..2 | ForEach-Object {{ [pscustomobject]@{{ AgentId = \"S$_\"; Email = ('user{{0:0000}}@contoso.test' -f (($_ + {block}) * 7 + 1)) }} }} | Import-PresenceAgent -BusinessUnit {unit}; " +
            $"Add-PresenceUserMapping -Auto -BusinessUnit {unit} | Out-Null; " + SyncFixture.StandardRule + $" -BusinessUnit {unit} | Out-Null; " +
            $"Add-PresenceRuleAssignment -BusinessUnit {unit} -Rule Sync -Default | Out-Null";

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int block)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(block, 1)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<bool> HasAppSession(int block)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(block, 1)}/presence");
            return ((JsonArray)p["sessions"]!).Any(s => (string?)s!["kind"] == "App");
        }

        [Fact]
        public async Task Apps_and_units_piped_in_are_synced_together_in_one_run_and_no_other_unit_is()
        {
            var result = Run("@(Get-PresenceSyncApp -BusinessUnit Default; Get-PresenceBusinessUnit Second; Get-PresenceSyncApp -BusinessUnit Second) | Start-PresenceSync -Once");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal("Busy/InACall", await Shown(_default));
            Assert.Equal("Busy/InACall", await Shown(_second));
            Assert.False(await HasAppSession(_third), "Third was not piped in, so its agents are not synced");
            // One run reads each unit's presence once; a run per piped object would read Second twice.
            Assert.Equal(2, await _tenant.Requests(PresenceReads, atLeast: 2));
        }

        [Fact]
        public async Task Unit_names_bind_by_value()
        {
            Run("'Third' | Start-PresenceSync -Once").ThrowOnError();

            Assert.Equal("Busy/InACall", await Shown(_third));
            Assert.False(await HasAppSession(_default));
        }

        [Fact]
        public async Task A_pipeline_that_brings_no_unit_syncs_nothing()
        {
            // NoApp has no app, so Get-PresenceSyncApp returns nothing (and an error, silenced here): that must not mean "every unit".
            Run("Get-PresenceSyncApp -BusinessUnit NoApp -ErrorAction SilentlyContinue | Start-PresenceSync -Once").ThrowOnError();

            Assert.Equal(0, await _tenant.Requests(PresenceReads));
            Assert.False(await HasAppSession(_default));
            Assert.False(await HasAppSession(_second));
        }
    }
}
