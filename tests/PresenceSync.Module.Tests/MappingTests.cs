using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class MappingTests : ModuleTestBase
    {
        public MappingTests() => ImportSamples();

        private string[] Mapped() =>
            Ps.Run("Get-PresenceUserMapping").ThrowOnError().Output
              .Select(m => $"{m.Properties["AgentId"].Value}>{m.Properties["UserPrincipalName"].Value}:{m.Properties["MatchedOn"].Value}").ToArray();

        [Fact]
        public void Auto_maps_by_upn_mail_and_proxy_and_maps_none_of_the_ambiguous_cases()
        {
            var result = Ps.Run("Add-PresenceUserMapping -Auto");

            Assert.Equal(new[]
            {
                "A100>alice@contoso.test:UserPrincipalName",
                "A101>bob@contoso.test:Mail",
                "A102>carol@contoso.test:ProxyAddress",
                "A107>gina@contoso.test:UserPrincipalName",
            }, Mapped());
            Assert.Equal(4, result.Output.Count);
            Assert.Equal(new[] { "AmbiguousTeamsUserMatch", "AmbiguousAgentMatch", "AmbiguousAgentMatch" }, result.ErrorIds);
            Assert.Contains("sales1@contoso.test", result.Errors[0].Exception.Message);
            Assert.Equal("A103", result.Errors[0].TargetObject.ToString());
            Assert.Contains(result.Warnings, w => w.Contains("Get-PresenceUserMapping -Unmapped"));

            var unmapped = Ps.Run("Get-PresenceUserMapping -Unmapped").ThrowOnError().Output.Select(a => a.Properties["AgentId"].Value).ToArray();
            Assert.Equal(new object[] { "A103", "A104", "A105", "A106" }, unmapped);
        }

        [Fact]
        public void Auto_WhatIf_lists_nothing_into_the_store()
        {
            var before = StoreSnapshot();
            var result = Ps.Run("Add-PresenceUserMapping -Auto -WhatIf");
            Assert.Empty(result.Output);
            Assert.Equal(before, StoreSnapshot());
        }

        [Fact]
        public void A_manual_remap_sticks_when_auto_mapping_runs_again()
        {
            Ps.Run("Add-PresenceUserMapping -Auto").ThrowOnError(ignoreErrors: true);
            Ps.Run("Set-PresenceUserMapping -AgentId A100 -TeamsUser 11111111-1111-1111-1111-111111111106").ThrowOnError();
            Ps.Run("Add-PresenceUserMapping -Auto").ThrowOnError(ignoreErrors: true);

            var alice = Ps.Run("Get-PresenceUserMapping -AgentId A100").ThrowOnError();
            Assert.Equal("erin@contoso.test", alice.Property(0, "UserPrincipalName"));
            Assert.Equal("Manual", alice.Property(0, "Source")!.ToString());
        }

        [Fact]
        public void Manual_mapping_refuses_a_user_already_taken_and_unknown_names()
        {
            Ps.Run("Add-PresenceUserMapping -AgentId A100 -TeamsUser alice@contoso.test").ThrowOnError();

            Assert.Equal(new[] { "TeamsUserAlreadyMapped" }, Ps.Run("Add-PresenceUserMapping -AgentId A104 -TeamsUser ALICE@contoso.test").ErrorIds);
            Assert.Equal(new[] { "AgentAlreadyMapped" }, Ps.Run("Add-PresenceUserMapping -AgentId A100 -TeamsUser erin@contoso.test").ErrorIds);
            Assert.Equal(new[] { "AmbiguousTeamsUserReference" }, Ps.Run("Add-PresenceUserMapping -AgentId A103 -TeamsUser shared@contoso.test").ErrorIds);
            Assert.Equal(new[] { "TeamsUserNotFound" }, Ps.Run("Add-PresenceUserMapping -AgentId A106 -TeamsUser frank@fabrikam.test").ErrorIds);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Add-PresenceUserMapping -AgentId Z999 -TeamsUser erin@contoso.test").ErrorIds);
            Assert.Equal(new[] { "MappingNotFound" }, Ps.Run("Set-PresenceUserMapping -AgentId A104 -TeamsUser erin@contoso.test").ErrorIds);
        }

        [Fact]
        public void Manual_mappings_come_from_a_csv_by_property_name_and_are_removed_by_pipeline()
        {
            var result = Ps.Run(@"
                @([pscustomobject]@{ AgentId = 'A103'; TeamsUser = 'sales1@contoso.test' },
                  [pscustomobject]@{ AgentId = 'A104'; UserPrincipalName = 'erin@contoso.test' }) | Add-PresenceUserMapping").ThrowOnError();
            Assert.Equal(2, result.Output.Count);

            Ps.Run("Get-PresenceUserMapping -AgentId A10? | Remove-PresenceUserMapping -Confirm:$false").ThrowOnError();
            Assert.Empty(Ps.Run("Get-PresenceUserMapping").ThrowOnError().Output);
        }

        [Fact]
        public void WhatIf_on_manual_mapping_changes_leaves_the_store_unchanged()
        {
            Ps.Run("Add-PresenceUserMapping -AgentId A100 -TeamsUser alice@contoso.test").ThrowOnError();
            var before = StoreSnapshot();
            Ps.Run(@"Add-PresenceUserMapping -AgentId A104 -TeamsUser erin@contoso.test -WhatIf
                     Set-PresenceUserMapping -AgentId A100 -TeamsUser gina@contoso.test -WhatIf
                     Remove-PresenceUserMapping -AgentId A100 -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());
        }
    }
}
