using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Issue 14 item 3: two spellings of one agent id never break the unit's sync.</summary>
    [Collection("Loopback ports")]
    public class InputKeySyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public InputKeySyncTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(3);
            Run(SyncFixture.Setup(_block, 2, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        [Fact]
        public async Task Agent_ids_that_differ_only_in_non_ASCII_case_are_one_agent_and_the_unit_keeps_syncing()
        {
            var upn = SyncFixture.Upn(_block, 3);
            Run($"Import-PresenceAgent -AgentId 'Ägent1' -Email '{upn}'; Add-PresenceUserMapping -Auto | Out-Null").ThrowOnError();
            Run("Import-PresenceAgent -AgentId 'ägent1' -Name 'Second import'").ThrowOnError();
            Assert.Equal(3, Run("Get-PresenceAgent").ThrowOnError().Output.Count);

            var once = Run("Set-PresenceAgentState -AgentId 'ÄGENT1' -State Inbound; Set-PresenceAgentState -AgentId S1 -State Inbound; Start-PresenceSync -Once");
            Assert.Null(once.Terminating);
            Assert.Empty(once.Errors);
            foreach (var user in new[] { upn, SyncFixture.Upn(_block, 1) })
            {
                var presence = await _tenant.Control(HttpMethod.Get, $"/users/{user}/presence");
                Assert.Equal("Busy", (string?)presence["availability"]);
                Assert.Equal("InACall", (string?)presence["activity"]);
            }
            Assert.Equal("Ägent1", Run("Get-PresenceSyncHistory -AgentId 'ägENT1' -Direction ToTeams -Last 1").ThrowOnError().Property(0, "AgentId"));
        }
    }
}
