using System;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>A small tenant of its own: these tests change the secrets of the emulator's own app.</summary>
    public sealed class RotationFixture : TenantFixture
    {
        protected override int UserCount => 50;
    }

    /// <summary>Secret rotation with a grace period, and who removes the old secret after it.</summary>
    public class SecretRotationTests : ModuleTestBase, IClassFixture<RotationFixture>
    {
        private readonly RotationFixture _tenant;

        public SecretRotationTests(RotationFixture tenant) => _tenant = tenant;

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private int Passwords(string clientId)
        {
            var app = _tenant.Emulator.State.Directory.FindApplicationByAppId(Guid.Parse(clientId))!;
            lock (app) return app.PasswordCredentials.Count;
        }

        [Fact]
        public void An_app_that_may_manage_its_secrets_rotates_keeps_the_old_secret_for_the_grace_period_and_removes_it_after()
        {
            // The emulator's app holds Application.ReadWrite.All, so it may add and remove its own secrets.
            var clientId = _tenant.Connection.ClientId;
            Run(TenantFixture.Connect).ThrowOnError();
            Assert.Equal("Unknown", Run("(Get-PresenceSyncApp).CredentialExpirySource").ThrowOnError().Output.Single().ToString());
            Assert.Contains("-SecretExpiresUtc", Run("(Get-PresenceSyncApp).CredentialExpiryNote").ThrowOnError().Output.Single().ToString());
            // The app may read its registration: its secret's expiry comes from Graph (matched by its hint).
            Run("Test-PresenceSyncApp -WarningAction SilentlyContinue | Out-Null").ThrowOnError();
            Assert.Equal("Graph", Run("(Get-PresenceSyncApp).CredentialExpirySource").ThrowOnError().Output.Single().ToString());

            var rotated = Run("Set-PresenceSyncApp -RotateSecret -SecretLifetime 30.00:00:00 -GracePeriod 00:00:03 -PassThru").ThrowOnError();
            Assert.Equal("Graph", rotated.Property(0, "CredentialExpirySource")!.ToString());
            Assert.Equal(2, Passwords(clientId));
            // During the grace period the old secret still signs in (another store that has it).
            using var old = new PowerShellSession();
            old.Run(TenantFixture.Connect, _tenant.Variables).ThrowOnError();
            Assert.Equal("Passed", old.Run("((Test-PresenceSyncApp).Checks | Where-Object Check -eq Token).Status", _tenant.Variables).ThrowOnError().Output.Single().ToString());

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Passwords(clientId) > 1 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(500);
                Run("Test-PresenceSyncApp -WarningAction SilentlyContinue | Out-Null").ThrowOnError();
            }
            Assert.Equal(1, Passwords(clientId));
            Assert.Equal("Passed", Run("((Test-PresenceSyncApp).Checks | Where-Object Check -eq Token).Status").ThrowOnError().Output.Single().ToString());
            // A token taken with the old secret stays good until it expires, as in Entra ID; signing in anew with it fails.
            using var later = new PowerShellSession();
            later.Run(TenantFixture.Connect, _tenant.Variables).ThrowOnError();
            var refused = later.Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq Token", _tenant.Variables).ThrowOnError();
            Assert.StartsWith("GraphCredentialRejected", (string)refused.Property(0, "Detail")!);
        }

        [Fact]
        public void A_registered_app_needs_an_admin_to_remove_its_old_secret_and_says_so_until_one_does()
        {
            var approver = _tenant.ApproveNextDeviceCode();
            var registered = Run("New-PresenceSyncApp -TenantId $TenantId -AdminClientId $ClientId " + TenantFixture.Endpoint);
            approver.Wait();
            var clientId = (string)registered.ThrowOnError().Property(0, "ClientId")!;
            Assert.Equal("Graph", registered.Property(0, "CredentialExpirySource")!.ToString());

            approver = _tenant.ApproveNextDeviceCode();
            Run("Set-PresenceSyncApp -RotateSecret -GracePeriod 00:00:02 -AdminClientId $ClientId").ThrowOnError();
            approver.Wait();
            Assert.Equal(2, Passwords(clientId));
            System.Threading.Thread.Sleep(2500);
            var report = Run("Test-PresenceSyncApp").ThrowOnError(ignoreErrors: true);
            var check = ((System.Collections.Generic.IEnumerable<object>)report.Output.Single().Properties["Checks"].Value).Cast<object>()
                .Select(System.Management.Automation.PSObject.AsPSObject).Single(c => (string)c.Properties["Check"].Value == "Retired credentials");
            Assert.Equal("Warning", check.Properties["Status"].Value.ToString());
            Assert.Contains("-CompleteRotation -AdminClientId", (string)check.Properties["Remedy"].Value);
            Assert.Equal(2, Passwords(clientId));

            approver = _tenant.ApproveNextDeviceCode();
            Run("Set-PresenceSyncApp -CompleteRotation -AdminClientId $ClientId").ThrowOnError();
            approver.Wait();
            Assert.Equal(1, Passwords(clientId));
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());
        }
    }
}
