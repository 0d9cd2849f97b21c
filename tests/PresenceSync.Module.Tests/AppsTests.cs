using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Several app registrations per business unit, against the Graph emulator, through the hosted PowerShell engine.</summary>
    public class AppsTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;

        public AppsTests(SyncFixture tenant) => _tenant = tenant;

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private string RegisterSecond(string extra = "")
        {
            var approver = _tenant.ApproveNextDeviceCode();
            var registered = Run("New-PresenceSyncApp -TenantId $TenantId -AdminClientId $ClientId -Additional -DisplayName 'Second app' " + TenantFixture.Endpoint + extra);
            approver.Wait();
            registered.ThrowOnError();
            return (string)registered.Property(0, "ClientId")!;
        }

        [Fact]
        public async Task Agents_keep_the_app_that_holds_their_session_new_agents_go_to_the_emptier_app_and_removing_an_app_clears_its_sessions_first()
        {
            var block = _tenant.TakeBlock(10);
            Run(SyncFixture.Setup(block, 6, SyncFixture.StandardRule)).ThrowOnError();
            Run("1..6 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }; Start-PresenceSync -Once").ThrowOnError();
            var first = _tenant.Connection.ClientId;
            Assert.Contains("app:" + first, await _tenant.Sessions(SyncFixture.Upn(block, 1)));

            var second = RegisterSecond();
            var apps = Run("Get-PresenceSyncApp").ThrowOnError().Output;
            Assert.Equal(new[] { first, second }, apps.Select(a => (string)a.Properties["ClientId"].Value));
            Assert.Equal(new object[] { true, false }, apps.Select(a => a.Properties["IsPrimary"].Value));
            // Every agent holds a session through the first app: none moves.
            Assert.Equal(new object[] { 6, 0 }, apps.Select(a => a.Properties["AgentCount"].Value));

            // Four more agents, assigned at the next change of the unit's apps: they go to the app with fewest.
            Run($"7..10 | ForEach-Object {{ [pscustomobject]@{{ AgentId = \"S$_\"; Email = ('user{{0:0000}}@contoso.test' -f (($_ + {block}) * 7 + 1)) }} }} | Import-PresenceAgent; " +
                "Add-PresenceUserMapping -Auto | Out-Null; Set-PresenceSyncApp -ClientId " + second + " -PresenceBudget 1400").ThrowOnError();
            Assert.Equal(new object[] { 6, 4 }, Run("Get-PresenceSyncApp").ThrowOnError().Output.Select(a => a.Properties["AgentCount"].Value));

            // A change needs the app named once there are several; a second app needs -Additional; one unit syncs one tenant.
            Assert.Equal(new[] { "SyncAppAmbiguous" }, Run("Set-PresenceSyncApp -PresenceBudget 10").ErrorIds);
            Assert.Equal(new[] { "SyncAppExists" }, Run("New-PresenceSyncApp -TenantId $TenantId -ClientId 5e0c1a10-0000-4000-8000-0000000000c1 -SecretFromEnvironment").ErrorIds);
            Assert.Equal(new[] { "SyncAppTenantMismatch" }, Run("New-PresenceSyncApp -TenantId fabrikam.test -ClientId 5e0c1a10-0000-4000-8000-0000000000c1 -SecretFromEnvironment -Additional").ErrorIds);

            // -WhatIf changes nothing: not the store, not Teams.
            var before = StoreSnapshot();
            Run($"Remove-PresenceSyncApp -ClientId {first} -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());
            Assert.Contains("app:" + first, await _tenant.Sessions(SyncFixture.Upn(block, 1)));

            var removed = Run($"Remove-PresenceSyncApp -ClientId {first} -Confirm:$false").ThrowOnError();
            Assert.Contains(removed.Progress, p => p.Activity.Contains("Clearing the presence sessions"));
            foreach (var agent in Enumerable.Range(1, 6)) Assert.DoesNotContain("app:" + first, await _tenant.Sessions(SyncFixture.Upn(block, agent)));
            var left = Run("Get-PresenceSyncApp").ThrowOnError().Output.Single();
            Assert.Equal(second, left.Properties["ClientId"].Value);
            Assert.Equal(true, left.Properties["IsPrimary"].Value);
            Assert.Equal(10, left.Properties["AgentCount"].Value);

            // The sync knows the sessions are gone and writes them again (the runner writes through the unit's primary app).
            Run("Start-PresenceSync -Once").ThrowOnError();
            Assert.Contains("app:" + second, await _tenant.Sessions(SyncFixture.Upn(block, 1)));
        }

        [Fact]
        public void Force_replaces_the_only_app_and_an_app_that_holds_no_session_is_removed_without_a_Graph_call()
        {
            Run(TenantFixture.Connect).ThrowOnError();
            Run("New-PresenceSyncApp -TenantId $TenantId -ClientId 5e0c1a10-0000-4000-8000-0000000000d1 -SecretFromEnvironment -Force " + TenantFixture.Endpoint).ThrowOnError();
            Assert.Equal("5e0c1a10-0000-4000-8000-0000000000d1", Run("(Get-PresenceSyncApp).ClientId").ThrowOnError().Output.Single().ToString());
            Run("Remove-PresenceSyncApp -Confirm:$false").ThrowOnError();
            Assert.Equal(new[] { "SyncAppNotFound" }, Run("Get-PresenceSyncApp").ErrorIds);
        }
    }
}
