using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>One credential per client id, its version, and the sessions built once per version and never across stores.</summary>
    public class CredentialSharingTests : ModuleTestBase, IClassFixture<TenantFixture>
    {
        private readonly TenantFixture _tenant;

        public CredentialSharingTests(TenantFixture tenant) => _tenant = tenant;

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        [Fact]
        public void Units_that_record_the_same_client_id_share_one_credential_and_see_each_others_rotation()
        {
            Run("New-PresenceBusinessUnit Fabrikam | Out-Null; " + TenantFixture.Connect).ThrowOnError();
            var second = Run(TenantFixture.Connect + " -BusinessUnit Fabrikam").ThrowOnError();
            Assert.Contains(second.Warnings, w => w.Contains("'Default'") && w.Contains("share its credential"));
            var versions = Run("'Default','Fabrikam' | ForEach-Object { (Get-PresenceSyncApp -BusinessUnit $_).CredentialVersion }").ThrowOnError().Output.Select(o => o.BaseObject).ToList();
            Assert.Equal(versions[0], versions[1]);
            Assert.Equal(new object[] { "Fabrikam" }, ((IEnumerable<string>)Run("(Get-PresenceSyncApp).SharedWith").ThrowOnError().Output.Select(o => o.BaseObject).Cast<string>().ToList()).ToArray<object>());

            Run("Set-PresenceSyncApp -BusinessUnit Fabrikam -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)").ThrowOnError();
            var after = Run("'Default','Fabrikam' | ForEach-Object { (Get-PresenceSyncApp -BusinessUnit $_).CredentialVersion }").ThrowOnError().Output.Select(o => (long)o.BaseObject).ToList();
            Assert.Equal(after[0], after[1]);
            Assert.Equal((long)versions[0] + 1, after[0]);
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp).Verdict").ThrowOnError().Output.Single().ToString());
        }

        [Fact]
        public async Task The_credential_is_read_once_per_version_shared_by_runspaces_of_one_store_and_never_by_another_store()
        {
            Run(TenantFixture.Connect).ThrowOnError();
            Assert.Equal("Passed", Run("(Test-PresenceSyncApp -WarningAction SilentlyContinue).Verdict").ThrowOnError().Output.Single().ToString());

            // Take the kept secret away: the session built from it goes on without reading it again.
            var kept = Directory.GetFiles(PowerShellSession.SecretFolder, "*.secret").Where(f => File.ReadAllText(f).Contains(_tenant.Connection.ClientSecret)).ToList();
            Assert.NotEmpty(kept);
            var moved = kept.Select(f => (From: f, To: f + ".away")).ToList();
            foreach (var (from, to) in moved) File.Move(from, to);
            try
            {
                Assert.Equal("Passed", Run("((Test-PresenceSyncApp).Checks | Where-Object Check -eq Token).Status").ThrowOnError().Output.Single().ToString());
                using (var sameStore = new PowerShellSession(Ps.StorePath))
                    Assert.Equal("Passed", sameStore.Run("((Test-PresenceSyncApp).Checks | Where-Object Check -eq Token).Status", _tenant.Variables).ThrowOnError().Output.Single().ToString());
                // A new process has to read it, and cannot.
                var (_, output) = await HostProcess.RunAsync("((Test-PresenceSyncApp).Checks | Where-Object Check -eq Token).Detail", Ps.StorePath);
                Assert.Contains("ClientSecretUnavailable", output);
            }
            finally
            {
                foreach (var (from, to) in moved) File.Move(to, from);
            }

            // Another store with the same client id but a wrong secret gets nothing built for this one.
            using var other = new PowerShellSession();
            var variables = _tenant.Variables;
            variables["Secret"] = "not-the-secret";
            other.Run(TenantFixture.Connect, variables).ThrowOnError();
            var token = other.Run("(Test-PresenceSyncApp).Checks | Where-Object Check -eq Token", variables).ThrowOnError();
            Assert.StartsWith("GraphCredentialRejected", (string)token.Property(0, "Detail")!);
        }
    }
}
