using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>Routing policies, services and assignments in the store (issue 10): validation, precedence and the "why".</summary>
    public class RoutingTests : ModuleTestBase
    {
        internal const string Nimbus = "New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', " +
            "'Available => Route', 'Busy => Route' -Default DoNotRoute -AcdContactState Inbound, Outbound, 'Wrap*'";

        private string[] Lines(string script) => Ps.Run(script).ThrowOnError().Output.Select(o => o.ToString()).ToArray();

        [Fact]
        public void A_policy_written_as_text_rows_is_stored_in_order_with_its_default_and_contact_states()
        {
            var policy = Ps.Run(Nimbus).ThrowOnError();
            Assert.Equal("DoNotRoute", policy.Property(0, "Default"));
            Assert.Equal(new[] { "Busy/InACall => DoNotRoute", "Busy/InAConferenceCall => DoNotRoute", "Available/* => Route", "Busy/* => Route" },
                Lines("(Get-PresenceRoutingPolicy Nimbus).Rows | ForEach-Object { $_.ToString() }"));
            Assert.Equal(new[] { "Inbound", "Outbound", "Wrap*" }, Lines("(Get-PresenceRoutingPolicy Nimbus).AcdContactStates"));
            Assert.Equal("KeepLast", Ps.Run("Get-PresenceRoutingPolicy N*").ThrowOnError().Property(0, "WhenStale"));
        }

        [Fact]
        public void Rows_can_be_hashtables_or_objects_and_guards_name_ACD_states()
        {
            Ps.Run(@"New-PresenceRoutingPolicy -Name Mixed -Row @(
                     @{ Teams = 'busy/inacall'; Decision = 'donotroute' },
                     [pscustomobject]@{ teams = 'Busy/*'; decision = 'Route'; when = 'Ready;Idle' })").ThrowOnError();
            Assert.Equal(new[] { "Busy/InACall => DoNotRoute", "Busy/* => Route when Ready,Idle" },
                Lines("(Get-PresenceRoutingPolicy Mixed).Rows | ForEach-Object { $_.ToString() }"));
        }

        [Theory]
        [InlineData("-Row 'Busy/* => Route', 'Busy/InACall => DoNotRoute'", "ConflictingRoutingRows")]
        [InlineData("-Row '*/* => DoNotRoute', 'Available => Route'", "ConflictingRoutingRows")]
        [InlineData("-Row 'Bussy/InACall => DoNotRoute'", "UnknownTeamsState")]
        [InlineData("-Row 'Busy/InACal => DoNotRoute'", "UnknownTeamsState")]
        [InlineData("-Row 'Busy/InACall => Maybe'", "InvalidRoutingDecision")]
        [InlineData("-Row 'Busy/InACall'", "InvalidRoutingRow")]
        [InlineData("-Row 'Busy => Route when Rea*'", "InvalidRoutingRow")]
        [InlineData("-MaxTeamsAge 00:00:02", "InvalidTeamsAge")]
        [InlineData("-FallbackRow 'Away => Sure'", "InvalidRoutingDecision")]
        public void Bad_policies_are_refused_with_a_stable_error_id_and_nothing_is_stored(string arguments, string errorId)
        {
            var result = Ps.Run($"New-PresenceRoutingPolicy -Name Bad {arguments}");
            Assert.Equal(new[] { errorId }, result.ErrorIds);
            Assert.Empty(Ps.Run("Get-PresenceRoutingPolicy").ThrowOnError().Output);
        }

        [Fact]
        public void A_narrow_row_under_a_wide_one_is_refused_with_the_fix_in_the_message()
        {
            var result = Ps.Run("New-PresenceRoutingPolicy -Name Bad -Row 'Busy => Route', 'Busy/InACall => DoNotRoute'");
            Assert.Contains("row 1 ('Busy/* => Route') matches every state it does", result.Errors[0].Exception.Message);
            // A row with a guard does not hide an unguarded one below it.
            Ps.Run("New-PresenceRoutingPolicy -Name Ok -Row 'Busy => Route when Ready', 'Busy/InACall => DoNotRoute'").ThrowOnError();
        }

        [Fact]
        public void Fallback_without_rows_uses_the_conservative_rule_and_Set_changes_and_validates_again()
        {
            Ps.Run(Nimbus + " -WhenStale Fallback -MaxTeamsAge 00:05:00").ThrowOnError();
            Assert.Equal(new[] { "Available/Available => Route" }, Lines("(Get-PresenceRoutingPolicy Nimbus).FallbackRows | ForEach-Object { $_.ToString() }"));

            Ps.Run("Set-PresenceRoutingPolicy Nimbus -Default Route -MaxTeamsAge 0 -NewName Calls").ThrowOnError();
            var policy = Ps.Run("Get-PresenceRoutingPolicy Calls").ThrowOnError();
            Assert.Equal("Route", policy.Property(0, "Default"));
            Assert.Null(policy.Property(0, "MaxTeamsAge"));
            Assert.Equal(4, ((System.Collections.IEnumerable)policy.Property(0, "Rows")!).Cast<object>().Count());

            Assert.Equal(new[] { "ConflictingRoutingRows" }, Ps.Run("Set-PresenceRoutingPolicy Calls -Row 'Busy => Route', 'Busy/InACall => DoNotRoute'").ErrorIds);
            Assert.Equal(new[] { "RoutingPolicyNotFound" }, Ps.Run("Set-PresenceRoutingPolicy Nope -Default Route").ErrorIds);
            Assert.Equal(4, ((System.Collections.IEnumerable)Ps.Run("Get-PresenceRoutingPolicy Calls").ThrowOnError().Property(0, "Rows")!).Cast<object>().Count());
        }

        [Fact]
        public void Policies_copy_between_units_down_the_pipeline()
        {
            Ps.Run(Nimbus + " -WhenStale Fallback -FallbackRow 'Available/Available => Route', 'Away => DoNotRoute'").ThrowOnError();
            Ps.Run("New-PresenceBusinessUnit -Name Tenant2; Get-PresenceRoutingPolicy | New-PresenceRoutingPolicy -BusinessUnit Tenant2").ThrowOnError();
            using var second = new PowerShellSession(Ps.StorePath);
            var copied = second.Run("Get-PresenceRoutingPolicy -BusinessUnit Tenant2 Nimbus").ThrowOnError();
            Assert.Equal(4, ((System.Collections.IEnumerable)copied.Property(0, "Rows")!).Cast<object>().Count());
            Assert.Equal(2, ((System.Collections.IEnumerable)copied.Property(0, "FallbackRows")!).Cast<object>().Count());
            Assert.Equal("Fallback", copied.Property(0, "WhenStale"));
        }

        [Fact]
        public void Services_need_an_existing_policy_and_a_used_policy_or_service_is_not_removed_by_accident()
        {
            ImportSamples();
            Ps.Run(Nimbus).ThrowOnError();
            Assert.Equal(new[] { "RoutingPolicyNotFound" }, Ps.Run("New-PresenceRoutingService -Name Sales -Policy Nope").ErrorIds);
            Ps.Run("New-PresenceRoutingService -Name Sales -Policy Nimbus -Description 'Sales queue'").ThrowOnError();
            Assert.Equal(new[] { "RoutingServiceExists" }, Ps.Run("New-PresenceRoutingService -Name sales -Policy Nimbus").ErrorIds);
            Ps.Run("Add-PresenceRoutingAssignment -Service Sales -AcdTeam Sales").ThrowOnError();

            Assert.Equal(new[] { "RoutingPolicyInUse" }, Ps.Run("Remove-PresenceRoutingPolicy Nimbus -Confirm:$false").ErrorIds);
            Assert.Equal(new[] { "RoutingServiceInUse" }, Ps.Run("Remove-PresenceRoutingService Sales -Confirm:$false").ErrorIds);
            Ps.Run("Remove-PresenceRoutingService Sales -Force -Confirm:$false; Remove-PresenceRoutingPolicy Nimbus -Confirm:$false").ThrowOnError();
            Assert.Empty(Ps.Run("Get-PresenceRoutingAssignment; Get-PresenceRoutingService; Get-PresenceRoutingPolicy").ThrowOnError().Output);
        }

        [Fact]
        public void An_agent_assignment_beats_its_teams_and_the_why_command_says_so()
        {
            ImportSamples();
            Ps.Run(Nimbus + "; New-PresenceRoutingPolicy -Name Strict -Row 'Available/Available => Route'; New-PresenceRoutingPolicy -Name Loose -Default Route").ThrowOnError();
            Ps.Run(@"New-PresenceRoutingService -Name Hotline -Policy Nimbus
                     Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Sales -Priority 10
                     Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Support -Policy Strict -Priority 20
                     Add-PresenceRoutingAssignment -Service Hotline -AgentId A104 -Policy Loose").ThrowOnError();

            string Why(string agent, string property) => (string)Ps.Run($"Get-PresenceEffectiveRoutingPolicy {agent} Hotline").ThrowOnError().Property(0, property)!;
            Assert.Equal("Loose", Why("A104", "Policy"));
            Assert.Equal("Agent", Why("A104", "Scope"));
            Assert.Equal("Nimbus", Why("A100", "Policy")); // Sales (10) beats Support (20)
            Assert.Equal("Sales", Why("A100", "AssignedVia"));
            Assert.Contains("beats 1 other team assignments", Why("A100", "Reason"));
            Assert.Equal("Strict", Why("A102", "Policy"));
            Assert.False((bool)Ps.Run("Get-PresenceEffectiveRoutingPolicy A107 Hotline").ThrowOnError().Property(0, "Member")!);

            // Two teams tied on priority with different policies decide nothing, and say why.
            Ps.Run("Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Support -Policy Strict -Priority 10 -Force").ThrowOnError();
            Assert.StartsWith("Ambiguous", Why("A100", "Reason"));
            Assert.Equal(new[] { "RoutingAssignmentExists" }, Ps.Run("Add-PresenceRoutingAssignment -Service Hotline -AgentId A104").ErrorIds);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Add-PresenceRoutingAssignment -Service Hotline -AgentId Z9").ErrorIds);
            Assert.Equal(new[] { "RoutingServiceNotFound" }, Ps.Run("Add-PresenceRoutingAssignment -Service Nope -AgentId A104").ErrorIds);

            Assert.Equal(3, Ps.Run("Get-PresenceRoutingAssignment Hotline").ThrowOnError().Output.Count);
            Assert.Single(Ps.Run("Get-PresenceRoutingAssignment -AgentId A1*").ThrowOnError().Output);
            Ps.Run("Get-PresenceRoutingAssignment -AcdTeam Support | Remove-PresenceRoutingAssignment -Confirm:$false; Remove-PresenceRoutingAssignment Hotline -AgentId A104 -Confirm:$false").ThrowOnError();
            Assert.Equal(new[] { "Sales" }, Lines("Get-PresenceRoutingAssignment | ForEach-Object Subject"));
        }

        [Fact]
        public void Decisions_before_any_sync_are_not_routable_and_say_why()
        {
            ImportSamples();
            Ps.Run(Nimbus + "; New-PresenceRoutingService Hotline Nimbus; Add-PresenceRoutingAssignment Hotline -AcdTeam Sales").ThrowOnError();
            Ps.Run("New-PresenceRule -Name R -Row 'Inbound => Busy/InACall'; Add-PresenceRuleAssignment -Rule R -Default").ThrowOnError();
            Ps.Run("Add-PresenceUserMapping -AgentId A100 -TeamsUser alice@contoso.test; Set-PresenceAgentState -AgentId A101 -State Inbound").ThrowOnError();
            var decisions = Ps.Run("Get-PresenceRoutingDecision Hotline").ThrowOnError().Output;
            string By(string agent) => (string)decisions.First(d => (string)d.Properties["AgentId"].Value == agent).Properties["DecidedBy"].Value;
            Assert.All(decisions, d => Assert.False((bool)d.Properties["Routable"].Value));
            Assert.Equal("NoTeamsPresence", By("A100"));
            Assert.Equal("AcdContact", By("A101"));
            Assert.Equal("NotMapped", By("A104"));
            Assert.Empty(Ps.Run("Get-PresenceRoutingDecision Hotline -Routable").ThrowOnError().Output);

            Assert.Equal(new[] { "AgentNotInRoutingService" }, Ps.Run("Get-PresenceRoutingDecision Hotline -AgentId A102").ErrorIds);
            Assert.Equal(new[] { "AgentNotFound" }, Ps.Run("Get-PresenceRoutingDecision -AgentId Z9").ErrorIds);
            Assert.Equal(new[] { "RoutingServiceNotFound" }, Ps.Run("Get-PresenceRoutingDecision Nope").ErrorIds);
        }

        [Fact]
        public void WhatIf_on_every_routing_cmdlet_leaves_the_store_unchanged()
        {
            ImportSamples();
            Ps.Run(Nimbus + "; New-PresenceRoutingService Hotline Nimbus; Add-PresenceRoutingAssignment Hotline -AcdTeam Sales").ThrowOnError();
            var before = StoreSnapshot();
            Ps.Run(@"New-PresenceRoutingPolicy -Name X -Default Route -WhatIf
                     Set-PresenceRoutingPolicy Nimbus -Default Route -WhatIf
                     New-PresenceRoutingService -Name Y -Policy Nimbus -WhatIf
                     Set-PresenceRoutingService Hotline -NewName Z -WhatIf
                     Add-PresenceRoutingAssignment Hotline -AgentId A107 -WhatIf
                     Remove-PresenceRoutingAssignment Hotline -AcdTeam Sales -WhatIf
                     Remove-PresenceRoutingService Hotline -Force -WhatIf").ThrowOnError();
            Ps.Run("Remove-PresenceRoutingAssignment Hotline -AcdTeam Sales -WhatIf; Remove-PresenceRoutingService Hotline -Force -WhatIf; " +
                   "New-PresenceRoutingPolicy -Name Unused -WhatIf; Remove-PresenceRoutingPolicy Nimbus -WhatIf");
            Assert.Equal(before, StoreSnapshot());
        }
    }
}
