using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class AssignmentTests : ModuleTestBase
    {
        public AssignmentTests()
        {
            ImportSamples();
            Ps.Run(@"New-PresenceRule -Name SalesRule -Row 'Inbound => Busy/InACall'
                     New-PresenceRule -Name SupportRule -Row 'Inbound => Busy/InAConferenceCall'
                     New-PresenceRule -Name VipRule -Row 'Inbound => DoNotDisturb/Presenting'
                     New-PresenceRule -Name Fallback -Row 'Inbound => Away/Away'").ThrowOnError();
        }

        private string Effective(string agent) =>
            (string?)Ps.Run($"Get-PresenceEffectiveRule -AgentId {agent}").ThrowOnError().Property(0, "Rule") ?? "(none)";

        [Fact]
        public void Agent_beats_team_beats_default()
        {
            Ps.Run(@"Add-PresenceRuleAssignment -Rule Fallback -Default
                     Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales
                     Add-PresenceRuleAssignment -Rule VipRule -AgentId A101").ThrowOnError();

            Assert.Equal("VipRule", Effective("A101"));
            Assert.Equal("SalesRule", Effective("A104"));
            Assert.Equal("Fallback", Effective("A107"));
            var why = Ps.Run("Get-PresenceEffectiveRule A104").ThrowOnError();
            Assert.Equal("Sales", why.Property(0, "AssignedVia"));
            Assert.Contains("ACD team 'Sales'", (string)why.Property(0, "Reason")!);
        }

        [Fact]
        public void Team_ties_are_reported_not_guessed_and_priority_settles_them()
        {
            Ps.Run("Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales; Add-PresenceRuleAssignment -Rule SupportRule -AcdTeam Support").ThrowOnError();
            var tie = Ps.Run("Get-PresenceEffectiveRule A100").ThrowOnError();
            Assert.Null(tie.Property(0, "Rule"));
            Assert.StartsWith("Ambiguous", (string)tie.Property(0, "Reason")!);

            Ps.Run("Add-PresenceRuleAssignment -Rule SupportRule -AcdTeam Support -Priority 10 -Force").ThrowOnError();
            Assert.Equal("SupportRule", Effective("A100"));
        }

        [Fact]
        public void Agents_piped_from_a_team_get_their_own_assignment()
        {
            var made = Ps.Run("Get-PresenceAgent -Team Support | Add-PresenceRuleAssignment -Rule VipRule").ThrowOnError();
            Assert.Equal(3, made.Output.Count);
            var effective = Ps.Run("Get-PresenceAgent -Team Support | Get-PresenceEffectiveRule").ThrowOnError().Output;
            Assert.All(effective, e => Assert.Equal("VipRule", e.Properties["Rule"].Value));
        }

        [Fact]
        public void Duplicates_unknown_rules_and_agents_are_refused()
        {
            Ps.Run("Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales").ThrowOnError();
            Assert.Equal(new[] { "AssignmentExists" }, Ps.Run("Add-PresenceRuleAssignment -Rule SupportRule -AcdTeam sales").ErrorIds);
            Assert.Equal(new[] { "RuleNotFound" }, Ps.Run("Add-PresenceRuleAssignment -Rule Nope -AcdTeam Sales").ErrorIds);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Add-PresenceRuleAssignment -Rule SalesRule -AgentId Z1").ErrorIds);
            var warn = Ps.Run("Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Nobody").ThrowOnError();
            Assert.Single(warn.Warnings);
        }

        [Fact]
        public void Assignments_are_removed_by_scope_or_from_the_pipeline_and_WhatIf_changes_nothing()
        {
            Ps.Run(@"Add-PresenceRuleAssignment -Rule Fallback -Default
                     Add-PresenceRuleAssignment -Rule SalesRule -AcdTeam Sales
                     Add-PresenceRuleAssignment -Rule VipRule -AgentId A101").ThrowOnError();
            var before = StoreSnapshot();
            Ps.Run(@"Get-PresenceRuleAssignment | Remove-PresenceRuleAssignment -WhatIf
                     Add-PresenceRuleAssignment -Rule VipRule -AgentId A100 -WhatIf
                     Add-PresenceRuleAssignment -Rule VipRule -Default -Force -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());

            Assert.Single(Ps.Run("Get-PresenceRuleAssignment -Scope Team").ThrowOnError().Output);
            Ps.Run("Remove-PresenceRuleAssignment -AcdTeam Sales -Confirm:$false").ThrowOnError();
            Ps.Run("Get-PresenceRuleAssignment -Rule Vip* | Remove-PresenceRuleAssignment -Confirm:$false").ThrowOnError();
            Ps.Run("Remove-PresenceRuleAssignment -Default -Confirm:$false").ThrowOnError();
            Assert.Empty(Ps.Run("Get-PresenceRuleAssignment").ThrowOnError().Output);
            Assert.Equal(new[] { "AssignmentNotFound" }, Ps.Run("Remove-PresenceRuleAssignment -Default -Confirm:$false").ErrorIds);
        }
    }
}
