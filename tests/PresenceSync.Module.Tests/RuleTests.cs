using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    public class RuleTests : ModuleTestBase
    {
        private const string Inbound = "New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'Conference => Busy/InAConferenceCall', " +
            "'LoggedOut => Clear', 'Break => Preferred:BeRightBack/BeRightBack', 'Busy/InAMeeting => Meeting when Available,Idle', " +
            "'Available <=> Available/Available'";

        [Fact]
        public void A_rule_written_as_text_rows_is_stored_with_its_layers_and_guards()
        {
            var rule = Ps.Run(Inbound).ThrowOnError();
            Assert.Equal("Inbound", rule.Property(0, "Name"));

            var rows = Ps.Run("(Get-PresenceRule Inbound).Rows | ForEach-Object { $_.ToString() }").ThrowOnError().Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(new[]
            {
                "Inbound => Busy/InACall",
                "Conference => Busy/InAConferenceCall",
                "LoggedOut => Clear",
                "Break => Preferred:BeRightBack/BeRightBack",
                "Busy/InAMeeting => Meeting when Available,Idle",
                "Available <=> Available/Available",
            }, rows);
        }

        [Fact]
        public void Rows_can_be_hashtables_or_objects_with_any_casing()
        {
            Ps.Run(@"New-PresenceRule -Name Mixed -Row @(
                     @{ AcdState = 'Inbound'; Teams = 'busy/inacall' },
                     [pscustomobject]@{ acdstate = 'Meeting'; teams = 'Busy/InAMeeting'; direction = 'ToAcd'; when = 'Available;Idle' },
                     @{ AcdState = 'Focus'; Teams = 'DoNotDisturb/*'; Direction = 'ToAcd' })").ThrowOnError();
            var rows = Ps.Run("(Get-PresenceRule Mixed).Rows | ForEach-Object { $_.ToString() }").ThrowOnError().Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(new[] { "Inbound => Busy/InACall", "Busy/InAMeeting => Meeting when Available,Idle", "DoNotDisturb/* => Focus" }, rows);
        }

        [Theory]
        [InlineData("'Inbound => Busy/InAMeeting'", "UnsettableTeamsTarget")]
        [InlineData("'Inbound => Preferred:Busy/InACall'", "UnsettableTeamsTarget")]
        [InlineData("'Inbound => Busy/*'", "UnsettableTeamsTarget")]
        [InlineData("'Inbound => Bussy/InACall'", "UnknownTeamsState")]
        [InlineData("'Busy/InAMeting => Meeting'", "UnknownTeamsState")]
        [InlineData("'Busy/Zz* => Meeting'", "UnknownTeamsState")]
        [InlineData("'Inbound Busy'", "InvalidRuleRow")]
        [InlineData("'LoggedOut <=> Clear'", "InvalidRuleRow")]
        [InlineData("'Inbound => Busy/InACall', 'Inbound => Away/Away'", "ConflictingRuleRows")]
        [InlineData("'Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready'", "OscillatingRule")]
        public void Bad_rows_are_refused_with_a_stable_error_id_and_nothing_is_stored(string rows, string errorId)
        {
            var result = Ps.Run($"New-PresenceRule -Name Bad -Row {rows}");
            Assert.Equal(new[] { errorId }, result.ErrorIds);
            Assert.Equal("InvalidArgument", result.Errors[0].CategoryInfo.Category.ToString().Replace("InvalidData", "InvalidArgument"));
            Assert.Empty(Ps.Run("Get-PresenceRule").ThrowOnError().Output);
        }

        [Fact]
        public void The_oscillation_error_names_the_cycle()
        {
            var result = Ps.Run("New-PresenceRule -Name Loop -Row 'Ready => Available/Available', 'Available/Available => Idle', 'Idle => Away/Away', 'Away/Away => Ready'");
            Assert.Contains("ACD 'Ready' => Teams Available/Available => ACD 'Idle' => Teams Away/Away => ACD 'Ready'", result.Errors[0].Exception.Message);

            // A guard that keeps the Teams row from firing in the ACD state that caused it breaks the cycle.
            Ps.Run("New-PresenceRule -Name Loop -Row 'Ready => Available/Available', 'Available/Available => Idle when Away', 'Idle => Away/Away', 'Away/Away => Ready'").ThrowOnError();
        }

        [Fact]
        public void Good_rules_in_one_pipeline_are_stored_even_when_one_is_bad()
        {
            var result = Ps.Run(@"
                [pscustomobject]@{ Name = 'One'; Row = 'Inbound => Busy/InACall' },
                [pscustomobject]@{ Name = 'Two'; Row = 'Inbound => Busy/Presenting' },
                [pscustomobject]@{ Name = 'Three'; Row = 'Outbound => Busy/InACall' } | New-PresenceRule");
            Assert.Equal(new[] { "UnsettableTeamsTarget" }, result.ErrorIds);
            Assert.Equal(new object[] { "One", "Three" }, Ps.Run("Get-PresenceRule").ThrowOnError().Output.Select(r => r.Properties["Name"].Value).ToArray());
        }

        [Fact]
        public void Set_replaces_rows_renames_and_validates_again()
        {
            Ps.Run(Inbound).ThrowOnError();
            Ps.Run("Set-PresenceRule Inbound -Row 'Inbound => Busy/InACall' -NewName Calls -ManualStatusPolicy Override -ManualOverrideDuration 00:30:00").ThrowOnError();
            var rule = Ps.Run("Get-PresenceRule Calls").ThrowOnError();
            Assert.Equal("Override", rule.Property(0, "ManualStatusPolicy")!.ToString());
            Assert.Single((System.Collections.IEnumerable)rule.Property(0, "Rows")!);

            Assert.Equal(new[] { "UnsettableTeamsTarget" }, Ps.Run("Set-PresenceRule Calls -Row 'Inbound => Offline/Offline'").ErrorIds);
            Assert.Equal(new[] { "InvalidOverrideDuration" }, Ps.Run("Set-PresenceRule Calls -ManualOverrideDuration 00:01:00").ErrorIds);
            Assert.Equal(new[] { "RuleNotFound" }, Ps.Run("Set-PresenceRule Nope -Description x").ErrorIds);
            Assert.Single((System.Collections.IEnumerable)Ps.Run("Get-PresenceRule Calls").ThrowOnError().Property(0, "Rows")!);
        }

        [Fact]
        public void Rules_survive_into_a_new_process_session_and_copy_between_units()
        {
            Ps.Run(Inbound).ThrowOnError();
            Ps.Run("New-PresenceBusinessUnit -Name Tenant2").ThrowOnError();
            Ps.Run("Get-PresenceRule | New-PresenceRule -BusinessUnit Tenant2").ThrowOnError();

            using var second = new PowerShellSession(Ps.StorePath);
            var copied = second.Run("Get-PresenceRule -BusinessUnit Tenant2 Inbound").ThrowOnError();
            Assert.Equal(6, ((System.Collections.IEnumerable)copied.Property(0, "Rows")!).Cast<object>().Count());
        }

        [Fact]
        public void A_rule_in_use_is_removed_only_with_force_and_WhatIf_changes_nothing()
        {
            ImportSamples();
            Ps.Run(Inbound).ThrowOnError();
            Ps.Run("Add-PresenceRuleAssignment -Rule Inbound -AcdTeam Sales").ThrowOnError();
            var before = StoreSnapshot();

            Ps.Run("Remove-PresenceRule Inbound -Force -WhatIf; Set-PresenceRule Inbound -Row 'X => Away/Away' -WhatIf; New-PresenceRule -Name Other -Row 'X => Away/Away' -WhatIf").ThrowOnError();
            Assert.Equal(before, StoreSnapshot());

            Assert.Equal(new[] { "RuleInUse" }, Ps.Run("Remove-PresenceRule Inbound -Confirm:$false").ErrorIds);
            Ps.Run("Remove-PresenceRule Inbound -Force -Confirm:$false").ThrowOnError();
            Assert.Empty(Ps.Run("Get-PresenceRuleAssignment").ThrowOnError().Output);
        }
    }
}
