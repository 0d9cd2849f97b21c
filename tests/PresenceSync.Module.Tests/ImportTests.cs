using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class ImportTests : ModuleTestBase
    {
        [Fact]
        public void Import_Csv_of_agents_stores_the_good_rows_and_reports_each_bad_one()
        {
            var result = Ps.Run($"Import-Csv '{TestData("agents.csv")}' | Import-PresenceAgent -PassThru");

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "MissingAgentId", "DuplicateAgentId", "InvalidAgentEmail" }, result.ErrorIds);
            Assert.Equal(8, result.Output.Count);
            // The bad row is the error target, so the admin sees which row it was.
            Assert.Equal("Nobody Noid", ((System.Management.Automation.PSObject)result.Errors[0].TargetObject).Properties["Name"].Value);
            Assert.Equal("InvalidData", result.Errors[0].CategoryInfo.Category.ToString());

            var alice = Ps.Run("Get-PresenceAgent -AgentId A100").ThrowOnError();
            Assert.Equal("Alice Adams", alice.Property(0, "Name")); // the duplicate row did not overwrite it
            Assert.Equal(new[] { "Sales", "Support" }, ((System.Collections.IEnumerable)alice.Property(0, "Teams")!).Cast<string>().ToArray());
        }

        [Fact]
        public void Reimport_updates_known_agents_and_keeps_the_others()
        {
            ImportSamples();
            Ps.Run("[pscustomobject]@{ AgentId = 'a101'; Name = 'Bob B.'; Email = 'bob.brown@contoso.test'; Team = 'Support' } | Import-PresenceAgent").ThrowOnError();

            var agents = Ps.Run("Get-PresenceAgent").ThrowOnError().Output;
            Assert.Equal(8, agents.Count);
            var bob = Ps.Run("Get-PresenceAgent -AgentId A101").ThrowOnError();
            Assert.Equal("Bob B.", bob.Property(0, "Name"));
        }

        [Fact]
        public void Rows_may_name_their_own_business_unit_and_an_unknown_one_fails_only_its_row()
        {
            Ps.Run("New-PresenceBusinessUnit Contoso").ThrowOnError();
            var result = Ps.Run(@"
                [pscustomobject]@{ AgentId = 'C1'; BusinessUnit = 'Contoso' },
                [pscustomobject]@{ AgentId = 'N1'; BusinessUnit = 'Nowhere' },
                [pscustomobject]@{ AgentId = 'D1' },
                [pscustomobject]@{ AgentId = 'D2'; BusinessUnit = '' } | Import-PresenceAgent");
            Assert.Equal(new[] { "BusinessUnitNotFound" }, result.ErrorIds);
            Assert.Equal("C1", Ps.Run("Get-PresenceAgent -BusinessUnit Contoso").ThrowOnError().Property(0, "AgentId"));
            Assert.Equal(new object[] { "D1", "D2" }, Ps.Run("Get-PresenceAgent").ThrowOnError().Output.Select(a => a.Properties["AgentId"].Value).ToArray());
        }

        [Fact]
        public void A_property_left_out_keeps_its_value_and_an_empty_one_clears_it()
        {
            ImportSamples();
            Ps.Run("Import-PresenceAgent -AgentId A101 -Name 'Bob B.'").ThrowOnError();
            var bob = Ps.Run("Get-PresenceAgent A101").ThrowOnError();
            Assert.Equal("BOB.BROWN@contoso.test", bob.Property(0, "Email"));
            Assert.Single((System.Collections.IEnumerable)bob.Property(0, "Teams")!);

            Ps.Run("[pscustomobject]@{ AgentId = 'A101'; Extension = ''; Team = '' } | Import-PresenceAgent").ThrowOnError();
            bob = Ps.Run("Get-PresenceAgent A101").ThrowOnError();
            Assert.Null(bob.Property(0, "Extension"));
            Assert.Empty((System.Collections.IEnumerable)bob.Property(0, "Teams")!);
        }

        [Fact]
        public void Import_of_directory_refuses_malformed_guids_and_rows_without_upn()
        {
            var result = Ps.Run($"Import-Csv '{TestData("directory.csv")}' | Import-PresenceTeamsUser -PassThru");

            Assert.Equal(new[] { "InvalidTeamsUserId", "MissingUserPrincipalName" }, result.ErrorIds);
            Assert.Equal(8, result.Output.Count);
            var helen = Ps.Run("Get-PresenceTeamsUser -UserPrincipalName helen@contoso.test").ThrowOnError();
            Assert.Equal(false, helen.Property(0, "AccountEnabled")); // "FALSE" in the CSV, not cast to true
            var carol = Ps.Run("Get-PresenceTeamsUser carol*").ThrowOnError();
            Assert.Equal(3, ((System.Collections.IEnumerable)carol.Property(0, "ProxyAddresses")!).Cast<object>().Count());
        }

        [Fact]
        public void WhatIf_on_imports_leaves_the_store_unchanged()
        {
            var before = StoreSnapshot();
            var result = Ps.Run($"Import-Csv '{TestData("agents.csv")}' | Import-PresenceAgent -WhatIf; Import-Csv '{TestData("directory.csv")}' | Import-PresenceTeamsUser -WhatIf");
            Assert.Null(result.Terminating);
            Assert.Equal(before, StoreSnapshot());
        }

        [Fact]
        public void Agents_can_be_listed_by_team_and_removed_with_their_mapping()
        {
            ImportSamples();
            var sales = Ps.Run("Get-PresenceAgent -Team Sal*").ThrowOnError();
            Assert.Equal(new[] { "A100", "A101", "A104", "A105", "A106" }, sales.Output.Select(o => (string)o.Properties["AgentId"].Value).ToArray());

            Ps.Run("Add-PresenceUserMapping -AgentId A100 -TeamsUser alice@contoso.test").ThrowOnError();
            Ps.Run("Get-PresenceAgent -AgentId A100 | Remove-PresenceAgent -Confirm:$false").ThrowOnError();

            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Get-PresenceAgent -AgentId A100").ErrorIds);
            Assert.Empty(Ps.Run("Get-PresenceUserMapping").ThrowOnError().Output);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Remove-PresenceAgent -AgentId NOPE -Confirm:$false").ErrorIds);
        }
    }
}
