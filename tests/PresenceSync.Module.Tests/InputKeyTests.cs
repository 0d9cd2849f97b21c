using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Issue 14 item 3: one key rule for agent ids and names, refused characters, literal brackets, clear pattern errors.</summary>
    public class InputKeyTests : ModuleTestBase
    {
        private string[] AgentIds() => Ps.Run("Get-PresenceAgent | ForEach-Object AgentId").ThrowOnError().Output.Select(o => (string)o.BaseObject).ToArray();

        [Fact]
        public void Two_spellings_of_a_non_ASCII_id_imported_separately_are_one_agent_that_keeps_its_first_id()
        {
            Ps.Run("Import-PresenceAgent -AgentId 'Ägent1' -Name 'First'").ThrowOnError();
            var second = Ps.Run("Import-PresenceAgent -AgentId 'ägent1' -Name 'Second' -PassThru -Verbose").ThrowOnError();
            Assert.Equal("Ägent1", second.Property(0, "AgentId"));
            Assert.Contains(second.Verbose, v => v.Contains("'Ägent1'"));
            // The decomposed form (A + combining diaeresis) is the same key too.
            Ps.Run("Import-PresenceAgent -AgentId \"A$([char]0x308)GENT1\" -Email 'a@contoso.test'").ThrowOnError();

            Assert.Equal(new[] { "Ägent1" }, AgentIds());
            var agent = Ps.Run("Get-PresenceAgent -AgentId 'ÄGENT1'").ThrowOnError();
            Assert.Equal("Second", agent.Property(0, "Name"));
            Assert.Equal("a@contoso.test", agent.Property(0, "Email"));
            // Within one import the second spelling is a duplicate row.
            Assert.Equal(new[] { "DuplicateAgentId" }, Ps.Run("[pscustomobject]@{ AgentId = 'Öl' }, [pscustomobject]@{ AgentId = 'öL' } | Import-PresenceAgent").ErrorIds);
            // The ACD may use any spelling: the event is recorded for the stored agent.
            Ps.Run("New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' | Out-Null").ThrowOnError();
            var accepted = Ps.Run("Set-PresenceAgentState -AgentId 'äGENT1' -State Inbound -PassThru").ThrowOnError();
            Assert.Equal("Ägent1", accepted.Property(0, "AgentId"));
        }

        [Theory]
        [InlineData("0x202E")] // right-to-left override
        [InlineData("0x2066")] // left-to-right isolate
        [InlineData("0x200B")] // zero-width space
        [InlineData("0x200F")] // right-to-left mark
        [InlineData("0xFEFF")] // zero-width no-break space
        [InlineData("0x0000")] // NUL
        [InlineData("0x0007")] // a control character
        public void Ids_and_names_with_control_bidi_or_zero_width_characters_are_refused_on_every_path(string code)
        {
            var bad = $"\"A$([char]{code})1\"";
            var import = Ps.Run($"Import-PresenceAgent -AgentId {bad}");
            Assert.Equal(new[] { "InvalidAgentId" }, import.ErrorIds);
            Assert.Contains("U+", import.Errors[0].Exception.Message);
            Assert.Equal(new[] { "InvalidAgentId" }, Ps.Run($"[pscustomobject]@{{ AgentId = {bad} }} | Import-PresenceAgent").ErrorIds);
            Assert.Empty(AgentIds());

            Ps.Run("Import-PresenceAgent -AgentId A1; New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' | Out-Null").ThrowOnError();
            Assert.Equal(new[] { "InvalidAgentId" }, Ps.Run($"Set-PresenceAgentState -AgentId {bad} -State Inbound").ErrorIds);
            Assert.Equal(new[] { "InvalidBusinessUnitName" }, Ps.Run($"New-PresenceBusinessUnit -Name {bad}").ErrorIds);
            Assert.Equal(new[] { "InvalidRuleName" }, Ps.Run($"New-PresenceRule -Name {bad} -Row 'Inbound => Busy/InACall'").ErrorIds);
            Assert.Equal(new[] { "InvalidKey" }, Ps.Run($"Import-PresenceAgent -AgentId A2 -Team {bad}").ErrorIds);
            Assert.Equal(new[] { "A1" }, AgentIds());
        }

        [Fact]
        public void An_over_long_id_is_refused_and_the_longest_allowed_is_kept()
        {
            Assert.Equal(new[] { "InvalidAgentId" }, Ps.Run("Import-PresenceAgent -AgentId ('x' * 129)").ErrorIds);
            Ps.Run("Import-PresenceAgent -AgentId ('x' * 128)").ThrowOnError();
            Assert.Equal(128, Assert.Single(AgentIds()).Length);
        }

        [Fact]
        public void AgentId_takes_brackets_literally_so_piping_A_1_to_Remove_never_deletes_A1()
        {
            Ps.Run("Import-PresenceAgent -AgentId A1; Import-PresenceAgent -AgentId A2").ThrowOnError();
            var none = Ps.Run("Get-PresenceAgent -AgentId 'A[1]' | Remove-PresenceAgent -Confirm:$false");
            Assert.Equal(new[] { "AgentNotFound" }, none.ErrorIds);
            Assert.Equal(new[] { "A1", "A2" }, AgentIds());

            Ps.Run("Import-PresenceAgent -AgentId 'A[1]'").ThrowOnError();
            Ps.Run("Get-PresenceAgent -AgentId 'A[1]' | Remove-PresenceAgent -Confirm:$false").ThrowOnError();
            Assert.Equal(new[] { "A1", "A2" }, AgentIds());
            // * and ? stay wildcards, and a backtick takes one literally.
            Assert.Equal(2, Ps.Run("Get-PresenceAgent -AgentId 'a?'").ThrowOnError().Output.Count);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Get-PresenceAgent -AgentId 'A`*'").ErrorIds);
        }

        [Fact]
        public void A_bad_wildcard_pattern_is_an_InvalidWildcardPattern_error_not_a_regex_exception()
        {
            Ps.Run("Import-PresenceAgent -AgentId A1 -Team Sales; New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' | Out-Null").ThrowOnError();
            foreach (var script in new[] { "Get-PresenceAgent -Team '[z-a]'", "Get-PresenceRule -Name '[z-a]'", "Get-PresenceBusinessUnit -Name 'De['",
                         "Get-PresenceRuleAssignment -Rule '[z-a]'" })
            {
                var result = Ps.Run(script);
                Assert.Null(result.Terminating);
                Assert.Equal(new[] { "InvalidWildcardPattern" }, result.ErrorIds);
                Assert.Contains("is not a valid wildcard pattern", result.Errors[0].Exception.Message);
                Assert.Equal("InvalidArgument", result.Errors[0].CategoryInfo.Category.ToString());
            }
            Assert.Contains("runs backwards", Ps.Run("Get-PresenceAgent -Team '[z-a]'").Errors[0].Exception.Message);
            Assert.Equal("A1", Ps.Run("Get-PresenceAgent -Team '[r-t]ALES'").ThrowOnError().Property(0, "AgentId"));
            Assert.Equal("R", Ps.Run("Get-PresenceRule -Name '[p-s]'").ThrowOnError().Property(0, "Name"));
        }

        [Fact]
        public void Business_unit_and_rule_names_follow_the_key_rule()
        {
            Ps.Run("New-PresenceBusinessUnit -Name 'Zürich'").ThrowOnError();
            Assert.Equal(new[] { "BusinessUnitExists" }, Ps.Run("New-PresenceBusinessUnit -Name 'ZÜRICH'").ErrorIds);
            Ps.Run("Import-PresenceAgent -AgentId Z1 -BusinessUnit 'zürich'").ThrowOnError();
            Ps.Run("New-PresenceRule -Name 'Größe' -Row 'Inbound => Busy/InACall' | Out-Null").ThrowOnError();
            Assert.Equal(new[] { "RuleExists" }, Ps.Run("New-PresenceRule -Name 'GRÖßE' -Row 'Inbound => Busy/InACall'").ErrorIds);
            Ps.Run("Add-PresenceRuleAssignment -Rule 'größe' -Default | Out-Null").ThrowOnError();
            Assert.Equal("Größe", Ps.Run("Import-PresenceAgent -AgentId A1; Get-PresenceEffectiveRule -AgentId a1").ThrowOnError().Property(0, "Rule"));
        }
    }
}
