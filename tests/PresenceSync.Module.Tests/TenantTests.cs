using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Connecting a tenant, against the Graph emulator, through the hosted PowerShell engine.</summary>
    public class TenantTests : ModuleTestBase, IClassFixture<TenantFixture>
    {
        private readonly TenantFixture _tenant;

        public TenantTests(TenantFixture tenant) => _tenant = tenant;

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        [Fact]
        public async Task Directory_sync_auto_map_and_presence_read_in_ceil_n_over_650_requests()
        {
            Run(TenantFixture.Connect).ThrowOnError();
            var sync = Run("Sync-PresenceTeamsUser").ThrowOnError();
            Assert.Equal("Full", sync.Property(0, "Mode"));
            Assert.Equal(5000, sync.Property(0, "Stored"));
            Assert.Equal(5000, Run("@(Get-PresenceTeamsUser).Count").ThrowOnError().Output.Single().BaseObject);

            Run("1..1000 | ForEach-Object { [pscustomobject]@{ AgentId = \"A$_\"; Email = ('user{0:0000}@contoso.test' -f $_) } } | Import-PresenceAgent").ThrowOnError();
            var mapped = Run("Add-PresenceUserMapping -Auto -WarningAction SilentlyContinue").ThrowOnError().Output.Count;
            Assert.InRange(mapped, 800, 1000); // disabled accounts are not mapped

            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            var presence = Run("Get-PresenceTeamsPresence").ThrowOnError().Output;
            Assert.Equal(mapped, presence.Count);
            var reads = (long)Math.Ceiling(mapped / 650.0);
            Assert.Equal(reads, await _tenant.Requests("POST /communications/getPresencesByUserId", atLeast: reads));

            // A second run reads only the changes.
            Assert.Equal("Delta", Run("Sync-PresenceTeamsUser").ThrowOnError().Property(0, "Mode"));
        }

        [Fact]
        public async Task Set_and_clear_presence_for_a_mapped_agent_and_refuse_unsettable_pairs_without_a_request()
        {
            Run(TenantFixture.Connect + "; Sync-PresenceTeamsUser | Out-Null; Import-PresenceAgent -AgentId X1 -Email user0002@contoso.test; Add-PresenceUserMapping -Auto | Out-Null").ThrowOnError();

            Run("Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InACall -Expiration 00:30:00").ThrowOnError();
            var shown = Run("Get-PresenceTeamsPresence -AgentId X1").ThrowOnError();
            Assert.Equal("Busy", shown.Property(0, "Availability"));
            Assert.Equal("InACall", shown.Property(0, "Activity"));

            Run("Set-PresenceTeamsPresence -AgentId X1 -Clear").ThrowOnError();
            Assert.NotEqual("InACall", Run("Get-PresenceTeamsPresence X1").ThrowOnError().Property(0, "Activity"));

            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            Assert.Equal(new[] { "InvalidPresenceTarget" }, Run("Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InAMeeting").ErrorIds);
            Assert.Equal(new[] { "InvalidPresenceExpiration" }, Run("Set-PresenceTeamsPresence -AgentId X1 -Availability Away -Activity Away -Expiration 05:00:00").ErrorIds);
            Assert.Equal(0, (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["totalRequests"] ?? 0);

            Assert.Equal(new[] { "ConflictingPresenceRequest", "NothingToSet", "InvalidPresenceExpiration" }, Run(@"
                Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InACall -Clear
                Set-PresenceTeamsPresence -AgentId X1
                Set-PresenceTeamsPresence -AgentId X1 -Clear -Expiration 00:30:00").ErrorIds);
            Run("Set-PresenceTeamsPresence -AgentId X1 -Availability Busy -Activity InACall -WhatIf").ThrowOnError();
            Assert.Equal(0, (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"] ?? 0);
        }

        [Fact]
        public void Test_reports_a_verdict_per_check_and_warns_30_days_before_the_secret_expires()
        {
            var expires = DateTime.UtcNow.AddDays(10).ToString("o");
            Run(TenantFixture.Connect + $" -SecretExpiresUtc '{expires}'").ThrowOnError();
            var report = Run("Test-PresenceSyncApp").ThrowOnError(ignoreErrors: true);
            Assert.Equal("Warning", report.Property(0, "Verdict")!.ToString());
            Assert.Contains(report.Warnings, w => w.Contains("expires on"));
            var checks = Run("(Test-PresenceSyncApp -WarningAction SilentlyContinue).Checks | ForEach-Object { '{0}={1}' -f $_.Check, $_.Status }").ThrowOnError()
                .Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(new[] { "Credential=Warning", "Token=Passed", "User.Read.All=Passed", "Presence read=Passed", "Presence.ReadWrite.All=Passed" }, checks);
        }

        [Fact]
        public void A_wrong_secret_and_an_unknown_tenant_end_in_specific_errors()
        {
            _tenant.Variables["Secret"] = "not-the-secret";
            var variables = _tenant.Variables;
            variables["Secret"] = "not-the-secret";
            Ps.Run(TenantFixture.Connect, variables).ThrowOnError();
            var wrong = Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq Token").ThrowOnError();
            Assert.Equal("Failed", wrong.Property(0, "Status")!.ToString());
            Assert.StartsWith("GraphCredentialRejected", (string)wrong.Property(0, "Detail")!);

            variables = _tenant.Variables;
            variables["TenantId"] = Guid.NewGuid().ToString();
            Ps.Run(TenantFixture.Connect + " -Force", variables).ThrowOnError();
            Assert.Equal(new[] { "GraphTenantNotFound" }, Run("Sync-PresenceTeamsUser").ErrorIds);
        }

        [Fact]
        public async Task A_missing_permission_names_the_permission_and_the_remedy()
        {
            Run(TenantFixture.Connect).ThrowOnError();
            await _tenant.Control(HttpMethod.Post, $"/apps/{_tenant.Connection.ClientId}/revoke", new { permission = "Presence.ReadWrite.All" });
            try
            {
                var check = Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq 'Presence.ReadWrite.All'").ThrowOnError();
                Assert.Equal("Failed", check.Property(0, "Status")!.ToString());
                Assert.StartsWith("GraphPermissionMissing", (string)check.Property(0, "Detail")!);
                Assert.Contains("adminconsent", (string)check.Property(0, "Remedy")!);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Post, $"/apps/{_tenant.Connection.ClientId}/restore");
            }
        }

        [Fact]
        public async Task Throttling_storms_and_server_error_bursts_are_retried_to_completion()
        {
            Run(TenantFixture.Connect + "; Sync-PresenceTeamsUser | Out-Null; Import-PresenceAgent -AgentId T1 -Email user0003@contoso.test; Add-PresenceUserMapping -Auto | Out-Null").ThrowOnError();
            await _tenant.Control(HttpMethod.Post, "/stats/reset");
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "throttle", pathContains = "getPresencesByUserId", count = 2, retryAfterSeconds = 1 });
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", count = 2, status = 503 });

            Assert.Single(Run("Get-PresenceTeamsPresence T1").ThrowOnError().Output);
            Assert.Equal(5, await _tenant.Requests("POST /communications/getPresencesByUserId", atLeast: 5));
            var stats = await _tenant.Control(HttpMethod.Get, "/stats");
            Assert.Equal(2, (long?)stats["throttled"]);
        }

        [Fact]
        public void The_secret_never_appears_in_the_store_file_or_any_output()
        {
            var outputs = new StringBuilder();
            foreach (var script in new[] { TenantFixture.Connect + " -Verbose", "Get-PresenceSyncApp | Format-List * | Out-String", "Get-PresenceSyncApp -Verbose", "Test-PresenceSyncApp -Verbose", "Sync-PresenceTeamsUser -Verbose" })
            {
                var result = Run(script);
                outputs.AppendLine(string.Join("\n", result.Output.Select(o => string.Join(";", o.Properties.Select(p => $"{p.Name}={p.Value}")))));
                outputs.AppendLine(string.Join("\n", result.Errors.Select(e => e.ToString() + e.ErrorDetails?.Message)));
                outputs.AppendLine(string.Join("\n", result.Warnings.Concat(result.Verbose)));
            }
            var secret = _tenant.Connection.ClientSecret;
            Assert.DoesNotContain(secret, outputs.ToString());
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Ps.StorePath)!))
            {
                var bytes = File.ReadAllBytes(file);
                Assert.DoesNotContain(secret, Encoding.UTF8.GetString(bytes));
                Assert.DoesNotContain(secret, Encoding.Unicode.GetString(bytes));
            }
        }

        [Fact]
        public async Task An_admin_registers_an_app_by_device_code_then_tests_and_rotates_its_secret()
        {
            // The admin "signs in" in a browser: here the control API approves the device code.
            var approve = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60));
            var approver = Approve(approve);
            var registered = Run("New-PresenceSyncApp -TenantId $TenantId -AdminClientId $ClientId -DisplayName 'PresenceSync test' " + TenantFixture.Endpoint);
            approve.Cancel();
            await approver;
            Assert.Empty(registered.Errors);
            Assert.Contains(registered.Warnings, w => w.Contains("code", StringComparison.OrdinalIgnoreCase));
            var clientId = (string)registered.Property(0, "ClientId")!;
            Assert.NotEqual(_tenant.Connection.ClientId, clientId);
            Assert.Equal("PresenceSync test", registered.Property(0, "DisplayName"));

            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());
            var before = Run("(Get-PresenceSyncApp).CredentialExpiresUtc").ThrowOnError().Output.Single().BaseObject;
            var own = Run("Set-PresenceSyncApp -RotateSecret");
            Assert.Equal(new[] { "GraphPermissionMissing" }, own.ErrorIds); // an app may not change its own secrets
            approver = Approve(approve = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60)));
            Run("Set-PresenceSyncApp -RotateSecret -SecretLifetime 90.00:00:00 -AdminClientId $ClientId").ThrowOnError();
            approve.Cancel();
            await approver;
            var after = Run("(Get-PresenceSyncApp).CredentialExpiresUtc").ThrowOnError().Output.Single().BaseObject;
            Assert.NotEqual(before, after);
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());
        }

        private Task Approve(System.Threading.CancellationTokenSource stop) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var pending = (await _tenant.Control(HttpMethod.Get, "/devicecodes"))["value"] as System.Text.Json.Nodes.JsonArray;
                var code = pending?.FirstOrDefault()?["userCode"]?.ToString();
                if (code != null)
                {
                    await _tenant.Control(HttpMethod.Post, "/devicecodes/approve", new { userCode = code, user = "user0001@contoso.test" });
                    return;
                }
                await Task.Delay(200);
            }
        });

        [Fact]
        public void A_refused_app_leaves_nothing_recorded()
        {
            var variables = _tenant.Variables;
            variables["TenantId"] = "not a tenant";
            Assert.Equal(new[] { "InvalidTenantId" }, Ps.Run(TenantFixture.Connect, variables).ErrorIds);
            Assert.Equal(new[] { "SyncAppNotFound" }, Run("Get-PresenceSyncApp").ErrorIds);
            Run(TenantFixture.Connect + " -WhatIf").ThrowOnError();
            Assert.Equal(new[] { "SyncAppNotFound" }, Run("Get-PresenceSyncApp").ErrorIds);
        }
    }
}
