using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class BusinessUnitTests : ModuleTestBase
    {
        [Fact]
        public void Units_keep_their_agents_and_directory_apart()
        {
            Ps.Run("'Contoso', 'Fabrikam' | New-PresenceBusinessUnit").ThrowOnError();
            Ps.Run($"Import-Csv '{TestData("agents.csv")}' | Import-PresenceAgent -BusinessUnit Contoso").ThrowOnError(ignoreErrors: true);

            var units = Ps.Run("Get-PresenceBusinessUnit").ThrowOnError().Output;
            Assert.Equal(new object[] { "Default", "Contoso", "Fabrikam" }, units.Select(u => u.Properties["Name"].Value).ToArray());
            Assert.Equal(8, units[1].Properties["AgentCount"].Value);
            Assert.Empty(Ps.Run("Get-PresenceAgent").ThrowOnError().Output);
            Assert.Equal(new[] { "BusinessUnitNotFound" }, Ps.Run("Get-PresenceAgent -BusinessUnit Nowhere").ErrorIds);
        }

        [Fact]
        public void Bad_names_duplicates_and_the_default_unit_are_refused()
        {
            Ps.Run("New-PresenceBusinessUnit Contoso").ThrowOnError();
            Assert.Equal(new[] { "BusinessUnitExists" }, Ps.Run("New-PresenceBusinessUnit contoso").ErrorIds);
            Assert.Equal(new[] { "InvalidBusinessUnitName" }, Ps.Run("New-PresenceBusinessUnit '../evil'").ErrorIds);
            Assert.Equal(new[] { "DefaultBusinessUnitProtected" }, Ps.Run("Remove-PresenceBusinessUnit Default -Confirm:$false").ErrorIds);
        }

        [Fact]
        public void A_unit_holding_only_its_sync_app_is_not_empty()
        {
            Ps.Run("New-PresenceBusinessUnit Tenant2; New-PresenceSyncApp -BusinessUnit Tenant2 -TenantId contoso.test -ClientId 5e0c1a10-0000-4000-8000-000000000001 -SecretFromEnvironment").ThrowOnError();
            var refused = Ps.Run("Remove-PresenceBusinessUnit Tenant2 -Confirm:$false");
            Assert.Equal(new[] { "BusinessUnitNotEmpty" }, refused.ErrorIds);
            Assert.Contains("sync app", refused.Errors[0].Exception.Message);
        }

        [Fact]
        public void A_unit_with_content_goes_only_with_force_and_WhatIf_changes_nothing()
        {
            Ps.Run("New-PresenceBusinessUnit Contoso").ThrowOnError();
            Ps.Run("Import-PresenceAgent -AgentId X1 -Email x1@contoso.test -BusinessUnit Contoso").ThrowOnError();
            var before = StoreSnapshot();
            Ps.Run("New-PresenceBusinessUnit Other -WhatIf; Remove-PresenceBusinessUnit Contoso -Force -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());

            Assert.Equal(new[] { "BusinessUnitNotEmpty" }, Ps.Run("Remove-PresenceBusinessUnit Contoso -Confirm:$false").ErrorIds);
            Ps.Run("Get-PresenceBusinessUnit Contoso | Remove-PresenceBusinessUnit -Force -Confirm:$false").ThrowOnError();
            Assert.Single(Ps.Run("Get-PresenceBusinessUnit").ThrowOnError().Output);
        }
    }
}
