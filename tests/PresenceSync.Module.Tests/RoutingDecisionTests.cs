using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Issue 10 acceptance: a Nimbus-like policy decides right for every Teams state the emulator
    /// can show (device sessions and statuses picked by hand), from a Teams read made now and from
    /// what a sync stored; with Teams reads failing, decisions follow the fallback and say so.
    /// </summary>
    [Collection("Loopback ports")]
    public class RoutingDecisionTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string NimbusPolicy = "New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', " +
            "'Available* => Route', 'Busy* => Route' -Default DoNotRoute -AcdContactState Inbound, Outbound, Conference";

        /// <summary>Agent, how the emulator is driven, the Teams state it then shows, and whether Nimbus's policy routes it.</summary>
        private static readonly (int Agent, string Device, string? Preferred, string Shown, bool Routable)[] Cases =
        {
            (1, "Available/Available", null, "Available/Available", true),
            (2, "Busy/InACall", null, "Busy/InACall", false),
            (3, "Busy/InAConferenceCall", null, "Busy/InAConferenceCall", false),
            (4, "Busy/InAMeeting", null, "Busy/InAMeeting", true),
            (5, "DoNotDisturb/Presenting", null, "DoNotDisturb/Presenting", false),
            (6, "DoNotDisturb/DoNotDisturb", null, "DoNotDisturb/DoNotDisturb", false),
            (7, "Away/Away", null, "Away/Away", false),
            (8, "BeRightBack/BeRightBack", null, "BeRightBack/BeRightBack", false),
            (9, "AvailableIdle/Available", null, "AvailableIdle/Available", true),
            (10, "BusyIdle/Busy", null, "BusyIdle/Busy", true),
            (11, "Available/Available", "Busy/Busy", "Busy/Busy", true),                 // a manual Busy is routable...
            (12, "Available/Available", "DoNotDisturb/DoNotDisturb", "DoNotDisturb/DoNotDisturb", false),
            (13, "Available/Available", "BeRightBack/BeRightBack", "BeRightBack/BeRightBack", false),
            (14, "Available/Available", "Away/Away", "Away/Away", false),
            (15, "Available/Available", "Offline/OffWork", "Offline/OffWork", false),
            (16, "", null, "Offline/Offline", false),                                     // signed out everywhere
            (17, "Available/Available", "Available/Available", "Available/Available", true),
        };

        private readonly SyncFixture _tenant;
        private readonly int _block;

        public RoutingDecisionTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(Cases.Length);
            Run(SyncFixture.Setup(_block, Cases.Length, SyncFixture.StandardRule)).ThrowOnError();
            Run(NimbusPolicy + "; New-PresenceRoutingService -Name Hotline -Policy Nimbus; " +
                "1.." + Cases.Length + " | ForEach-Object { Add-PresenceRoutingAssignment -Service Hotline -AgentId \"S$_\" } | Out-Null").ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task ShowCases()
        {
            foreach (var c in Cases)
            {
                var upn = SyncFixture.Upn(_block, c.Agent);
                await _tenant.Control(HttpMethod.Delete, $"/users/{upn}/devices");
                await _tenant.Control(HttpMethod.Delete, $"/users/{upn}/preferred");
                if (c.Device.Length > 0)
                {
                    var d = c.Device.Split('/');
                    await _tenant.Control(HttpMethod.Put, $"/users/{upn}/devices/desktop", new { availability = d[0], activity = d[1] });
                }
                if (c.Preferred != null)
                {
                    var p = c.Preferred.Split('/');
                    await _tenant.Control(HttpMethod.Put, $"/users/{upn}/preferred", new { availability = p[0], activity = p[1] });
                }
            }
        }

        private static Dictionary<string, PSObject> ByAgent(IEnumerable<PSObject> decisions) =>
            decisions.ToDictionary(d => (string)d.Properties["AgentId"].Value, StringComparer.OrdinalIgnoreCase);

        private static void AssertCases(Dictionary<string, PSObject> decisions)
        {
            Assert.Equal(Cases.Length, decisions.Count);
            foreach (var c in Cases)
            {
                var d = decisions["S" + c.Agent];
                var shown = d.Properties["TeamsAvailability"].Value + "/" + d.Properties["TeamsActivity"].Value;
                Assert.True(c.Shown == shown, $"S{c.Agent}: Teams shows {shown}, expected {c.Shown}");
                Assert.True(c.Routable == (bool)d.Properties["Routable"].Value, $"S{c.Agent} ({shown}): {d.Properties["DecidedBy"].Value} - {d.Properties["Reason"].Value}");
                Assert.False((bool)d.Properties["Stale"].Value);
                Assert.Equal("Nimbus", d.Properties["Policy"].Value);
            }
        }

        [Fact]
        public async Task The_Nimbus_policy_decides_every_Teams_state_from_a_read_made_now()
        {
            await ShowCases();
            var decisions = ByAgent(Run("Get-PresenceRoutingDecision -Service Hotline -Refresh").ThrowOnError().Output);
            AssertCases(decisions);
            Assert.Equal("Busy/InACall => DoNotRoute", decisions["S2"].Properties["DecidedBy"].Value);
            Assert.Equal(1, decisions["S2"].Properties["Row"].Value);
            Assert.Equal("Busy*/* => Route", decisions["S11"].Properties["DecidedBy"].Value);
            Assert.Equal("Default", decisions["S7"].Properties["DecidedBy"].Value);
            Assert.True((TimeSpan)decisions["S1"].Properties["TeamsAge"].Value < TimeSpan.FromMinutes(1));

            var routable = Run("Get-PresenceRoutingDecision Hotline -Routable -Refresh | ForEach-Object AgentId").ThrowOnError().Output.Select(o => o.ToString()).ToList();
            Assert.Equal(Cases.Where(c => c.Routable).Select(c => "S" + c.Agent).OrderBy(x => x), routable.OrderBy(x => x));
        }

        [Fact]
        public async Task After_a_sync_the_stored_Teams_view_decides_and_an_ACD_contact_is_never_routable()
        {
            await ShowCases();
            Run("Start-PresenceSync -Once | Out-Null").ThrowOnError();
            AssertCases(ByAgent(Run("Get-PresenceRoutingDecision Hotline").ThrowOnError().Output));

            // Agent 1 shows Available in Teams, but the ACD has it in a call: not routable, whatever Teams says.
            Run("Set-PresenceAgentState -AgentId S1 -State Inbound -CallType Inbound").ThrowOnError();
            var d = Run("Get-PresenceRoutingDecision Hotline -AgentId S1").ThrowOnError();
            Assert.False((bool)d.Property(0, "Routable")!);
            Assert.Equal("AcdContact", d.Property(0, "DecidedBy"));
            Assert.Equal("Inbound", d.Property(0, "AcdState"));
        }

        [Fact]
        public async Task With_Teams_reads_failing_decisions_follow_the_fallback_and_say_so()
        {
            await ShowCases();
            Run("Start-PresenceSync -Once | Out-Null; Set-PresenceRoutingPolicy Nimbus -WhenStale Fallback").ThrowOnError();
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", status = 403 });
            try
            {
                var result = Run("Get-PresenceRoutingDecision Hotline -Refresh");
                Assert.Empty(result.Errors);
                Assert.Contains(result.Warnings, w => w.Contains("marked stale"));
                var decisions = ByAgent(result.Output);
                Assert.All(decisions.Values, d => Assert.True((bool)d.Properties["Stale"].Value));
                Assert.All(decisions.Values, d => Assert.Equal("Fallback", d.Properties["StaleHandling"].Value));
                // The conservative fallback routes only a plain Available agent: the manual Busy one is held back now.
                Assert.True((bool)decisions["S1"].Properties["Routable"].Value);
                Assert.False((bool)decisions["S11"].Properties["Routable"].Value);
                Assert.False((bool)decisions["S4"].Properties["Routable"].Value);
                Assert.StartsWith("Stale: Teams reads are failing", (string)decisions["S11"].Properties["Reason"].Value);

                Run("Set-PresenceRoutingPolicy Nimbus -WhenStale KeepLast").ThrowOnError();
                var kept = ByAgent(Run("Get-PresenceRoutingDecision Hotline -Refresh").Output);
                Assert.True((bool)kept["S11"].Properties["Routable"].Value);
                Assert.Equal("KeepLast", kept["S11"].Properties["StaleHandling"].Value);

                Run("Set-PresenceRoutingPolicy Nimbus -WhenStale DoNotRoute").ThrowOnError();
                Assert.Empty(Run("Get-PresenceRoutingDecision Hotline -Refresh -Routable").Output);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }
    }
}
