using System;
using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Get-PresenceSyncStatus shows when each app's credential expires, or that it is not known and how to record it.</summary>
    public class CredentialExpiryStatusTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;

        public CredentialExpiryStatusTests(SyncFixture tenant) => _tenant = tenant;

        [Fact]
        public void The_status_shows_each_apps_credential_expiry_or_how_to_record_it()
        {
            Ps.Run(TenantFixture.Connect + " -WarningAction SilentlyContinue | Out-Null", _tenant.Variables).ThrowOnError();
            var unknown = Ps.Run("(Get-PresenceSyncStatus).Credentials").ThrowOnError();
            Assert.Equal("Unknown", unknown.Property(0, "Source"));
            Assert.Equal("ClientSecret", unknown.Property(0, "CredentialType"));
            Assert.Contains("-SecretExpiresUtc", (string)unknown.Property(0, "Note")!);

            Ps.Run("Set-PresenceSyncApp -SecretExpiresUtc 2027-03-31").ThrowOnError();
            var known = Ps.Run("(Get-PresenceSyncStatus).Credentials").ThrowOnError();
            Assert.Equal(new DateTime(2027, 3, 31), ((DateTime)known.Property(0, "ExpiresUtc")!).Date);
            Assert.Null(known.Property(0, "Note"));
            // Names, not numbers, in JSON.
            var json = Ps.Run("Get-PresenceSyncStatus | ConvertTo-Json -Depth 4").ThrowOnError().Output.Single().ToString();
            Assert.Contains("\"CredentialType\": \"ClientSecret\"", json);
        }
    }
}
