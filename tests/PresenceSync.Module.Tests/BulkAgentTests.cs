using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Issue 14 item 5: bulk removal and effective rules for a whole unit (speed is measured by benchmark-scale.ps1).</summary>
    public class BulkAgentTests : ModuleTestBase
    {
        [Fact]
        public void Piped_removal_removes_in_batches_reports_unknown_ids_and_WhatIf_removes_nothing()
        {
            Ps.Run("1..300 | ForEach-Object { [pscustomobject]@{ AgentId = \"B$_\"; Team = 'T' } } | Import-PresenceAgent; " +
                   "New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' | Out-Null; Add-PresenceRuleAssignment -Rule R -AgentId B1 | Out-Null").ThrowOnError();
            var before = StoreSnapshot();
            Ps.Run("Get-PresenceAgent | Remove-PresenceAgent -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());

            var removed = Ps.Run("(1..200 | ForEach-Object { \"b$_\" }) + 'Nobody' + 'B1' | Remove-PresenceAgent -Confirm:$false");
            Assert.Equal(new[] { "AgentNotFound" }, removed.ErrorIds);
            Assert.Equal("Nobody", removed.Errors[0].TargetObject);
            Assert.Equal(100, Ps.Run("Get-PresenceAgent").ThrowOnError().Output.Count);
            Assert.Empty(Ps.Run("Get-PresenceRuleAssignment -AgentId B1").ThrowOnError().Output); // its own assignment went with it
        }

        [Fact]
        public void Get_PresenceEffectiveRule_without_an_agent_shows_the_whole_unit_as_the_pipeline_does()
        {
            Ps.Run("1..100 | ForEach-Object { [pscustomobject]@{ AgentId = \"E$_\"; Team = \"T$($_ % 3)\" } } | Import-PresenceAgent; " +
                   "New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' | Out-Null; New-PresenceRule -Name Q -Row 'Inbound => Busy/InACall' | Out-Null; " +
                   "Add-PresenceRuleAssignment -Rule R -Default | Out-Null; Add-PresenceRuleAssignment -Rule Q -AcdTeam T1 | Out-Null; Add-PresenceRuleAssignment -Rule Q -AgentId E3 | Out-Null").ThrowOnError();
            string Rows(string script) => string.Join("\n", Ps.Run(script + " | ForEach-Object { $_.AgentId + ' ' + $_.Rule + ' ' + $_.Scope }").ThrowOnError().Output.Select(o => o.ToString()));
            var whole = Rows("Get-PresenceEffectiveRule");
            Assert.Equal(Rows("Get-PresenceAgent | Get-PresenceEffectiveRule"), whole);
            Assert.Contains("E3 Q Agent", whole);
            Assert.Contains("E1 Q Team", whole);
            Assert.Contains("E2 R Default", whole);
            Assert.Equal(100, whole.Split('\n').Length);
        }
    }
}
