using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Two business units on two tenants of one emulator (each its own directory, app and budget),
    /// synced by ONE Start-PresenceSync: events reach the right tenant, even for agents that share
    /// an id across the units, and each unit's status and write counts are its own.
    /// </summary>
    [Collection("Loopback ports")]
    public class MultiTenantSyncTests : ModuleTestBase, IClassFixture<MultiTenantFixture>
    {
        private readonly MultiTenantFixture _tenants;

        public MultiTenantSyncTests(MultiTenantFixture tenants) => _tenants = tenants;

        private ScriptResult Run(string script) => Ps.Run(script, _tenants.BothTenants);

        private static string Upn(string domain, int agent) => $"user{agent * 7 + 1:0000}@{domain}";

        private const string Rule = "New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall', 'Conference => Busy/InAConferenceCall', 'Available => Clear'";

        /// <summary>Default on contoso.test and Fabrikam on fabrikam.test; agents S1..S3 in both units (the same ids).</summary>
        private string Setup() =>
            TenantFixture.Connect + " | Out-Null; New-PresenceBusinessUnit Fabrikam | Out-Null; " +
            "New-PresenceSyncApp -BusinessUnit Fabrikam -TenantId $TenantId2 -ClientId $ClientId2 -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret2).SecurePassword) " + TenantFixture.Endpoint + " | Out-Null; " +
            // The sync paces each app by the budget recorded for it: fabrikam's tenant allows less.
            $"Set-PresenceSyncApp -BusinessUnit Fabrikam -PresenceBudget {MultiTenantFixture.SecondBudget} | Out-Null; " +
            "foreach ($u in @(@{ Unit = 'Default'; Domain = 'contoso.test' }, @{ Unit = 'Fabrikam'; Domain = 'fabrikam.test' })) { " +
            "  Sync-PresenceTeamsUser -BusinessUnit $u.Unit | Out-Null; " +
            "  1..3 | ForEach-Object { [pscustomobject]@{ AgentId = \"S$_\"; Email = ('user{0:0000}@{1}' -f ($_ * 7 + 1), $u.Domain) } } | Import-PresenceAgent -BusinessUnit $u.Unit; " +
            "  Add-PresenceUserMapping -Auto -BusinessUnit $u.Unit | Out-Null; " + Rule + " -BusinessUnit $u.Unit | Out-Null; " +
            "  Add-PresenceRuleAssignment -Rule Sync -Default -BusinessUnit $u.Unit | Out-Null }";

        private async Task<string> Shown(Emulator.EmulatorConnection tenant, string upn)
        {
            var p = await _tenants.Control(tenant, HttpMethod.Get, $"/users/{upn}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<long> Writes(Emulator.EmulatorConnection tenant) =>
            (long?)(await _tenants.Control(tenant, HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0;

        [Fact]
        public async Task One_run_syncs_two_units_on_two_tenants_each_event_reaching_its_own_tenant()
        {
            Run(Setup()).ThrowOnError();
            var first = _tenants.Connection;
            var second = _tenants.Second;
            var port = FreePort();
            using var background = new PowerShellSession(Ps.StorePath);
            var sync = background.Begin($"Start-PresenceSync -PollInterval 00:10:00 -EventPort {port} {SignedEvents.SecretParameter}", _tenants.BothTenants);
            try
            {
                using var http = new HttpClient();
                // S1 of each unit through the endpoint (the unit named in the event), S2 of Fabrikam through the store intake.
                Assert.Equal(HttpStatusCode.Accepted, (await SignedEvents.Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Inbound\"}")).StatusCode);
                Assert.Equal(HttpStatusCode.Accepted, (await SignedEvents.Post(http, port, "{\"agentId\":\"S1\",\"state\":\"Conference\",\"businessUnit\":\"Fabrikam\"}")).StatusCode);
                Run("Set-PresenceAgentState -BusinessUnit Fabrikam -AgentId S2 -State Inbound").ThrowOnError();

                await Poll.Until(async () => await Shown(first, Upn("contoso.test", 1)) == "Busy/InACall", TimeSpan.FromSeconds(30), "contoso's S1 in contoso's Teams");
                await Poll.Until(async () => await Shown(second, Upn("fabrikam.test", 1)) == "Busy/InAConferenceCall", TimeSpan.FromSeconds(30), "fabrikam's S1 in fabrikam's Teams");
                await Poll.Until(async () => await Shown(second, Upn("fabrikam.test", 2)) == "Busy/InACall", TimeSpan.FromSeconds(30), "fabrikam's S2 in fabrikam's Teams");
                Assert.Equal(PSInvocationState.Running, sync.InvocationStateInfo.State);

                // Nothing crossed over: each tenant saw only its own unit's writes.
                Assert.Equal(1, await Writes(first));
                Assert.Equal(2, await Writes(second));

                // The status shows both units, each with its own app, budget and write count.
                await Poll.Until(() => Apps().Count == 2 && Apps().Sum(a => a.Writes) == 3, TimeSpan.FromSeconds(30), "both units' status to show their writes");
                var apps = Apps();
                Assert.Equal(new[] { ("Default", first.ClientId, 1500, 1L), ("Fabrikam", second.ClientId, MultiTenantFixture.SecondBudget, 2L) },
                    apps.Select(a => (a.Unit, a.ClientId, a.Budget, a.Writes)).ToArray());
                Assert.NotNull(Run("(Get-PresenceSyncStatus -BusinessUnit Fabrikam).RunningOn").ThrowOnError().Output.FirstOrDefault()?.BaseObject);
            }
            finally
            {
                if (sync.InvocationStateInfo.State == PSInvocationState.Running) sync.Stop();
                sync.Dispose();
            }
            var history = Run("Get-PresenceSyncHistory -BusinessUnit Fabrikam -Direction ToTeams").ThrowOnError().Output;
            Assert.All(history, h => Assert.Equal(second.ClientId, h.Properties["App"].Value));
            Assert.Equal(2, history.Count);
        }

        /// <summary>Every unit's apps as the status shows them: unit, client id, budget, writes.</summary>
        private List<(string Unit, string ClientId, int Budget, long Writes)> Apps() =>
            Run("Get-PresenceSyncStatus | ForEach-Object Apps").ThrowOnError().Output
                .Select(a => ((string)a.Properties["BusinessUnit"].Value, (string)a.Properties["ClientId"].Value, (int)a.Properties["Budget"].Value, (long)a.Properties["Writes"].Value))
                .OrderBy(a => a.Item1, StringComparer.Ordinal).ToList();

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
