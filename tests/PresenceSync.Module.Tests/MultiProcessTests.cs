using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    // Tests that open loopback ports (event endpoints, webhooks, the quickstart) never run side by side:
    // a port picked free and released can be taken by a parallel test before it is bound.
    [Collection("Loopback ports")]
    public class MultiProcessTests : ModuleTestBase
    {
        [Fact]
        public async Task Two_PowerShell_processes_writing_one_store_at_once_lose_and_corrupt_nothing()
        {
            // Each process imports 200 agents one transaction at a time and tries to create the same rule.
            const string script = @"
                1..200 | ForEach-Object { [pscustomobject]@{ AgentId = ""$PID-$_""; Email = ""a$_.p$PID@contoso.test""; Team = 'Load' } } | Import-PresenceAgent
                New-PresenceRule -Name Shared -Row 'Inbound => Busy/InACall' -ErrorAction SilentlyContinue | Out-Null
                'done'";
            var runs = await Task.WhenAll(HostProcess.RunAsync(script, Ps.StorePath), HostProcess.RunAsync(script, Ps.StorePath));

            Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
            Assert.Equal(400, Ps.Run("@(Get-PresenceAgent -Team Load).Count").ThrowOnError().Output.Single().BaseObject);
            Assert.Single(Ps.Run("Get-PresenceRule").ThrowOnError().Output);
        }

        [Fact]
        public async Task Rules_assignments_and_mappings_survive_into_a_new_process()
        {
            ImportSamples();
            Ps.Run(@"Add-PresenceUserMapping -AgentId A103 -TeamsUser sales1@contoso.test
                     New-PresenceRule -Name Inbound -Row 'Inbound => Busy/InACall', 'Busy/InAMeeting => Meeting when Available'
                     Add-PresenceRuleAssignment -Rule Inbound -AcdTeam Support").ThrowOnError();
            var (code, output) = await HostProcess.RunAsync(@"
                (Get-PresenceRule Inbound).Rows | ForEach-Object { 'row: ' + $_.ToString() }
                Get-PresenceRuleAssignment | ForEach-Object { 'assigned: ' + $_.ToString() }
                Get-PresenceUserMapping | ForEach-Object { 'mapped: ' + $_.ToString() }", Ps.StorePath);
            Assert.True(code == 0, output);
            Assert.Contains("row: Inbound => Busy/InACall", output);
            Assert.Contains("row: Busy/InAMeeting => Meeting when Available", output);
            Assert.Contains("assigned: Inbound -> Team Support", output);
            Assert.Contains("mapped: A103 -> sales1@contoso.test", output);
        }

        [Fact]
        public async Task The_quickstart_sets_a_tenant_up_and_syncs_both_ways_against_the_emulator()
        {
            var (code, output) = await HostProcess.RunHostAsync("--duration", "10", "--users", "120");
            Assert.True(code == 0, output);
            Assert.Contains("Token                  Passed", output);
            // The whole output on failure: the summary line alone does not tell why nothing was written.
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, @"To Teams: [1-9]\d* writes"), output);
            Assert.Contains("== 7. Final status ==", output);
            Assert.Contains("The simulated ACD posted", output);
        }

        [Fact]
        public async Task The_walkthrough_runs_clean_in_its_own_process()
        {
            var (code, output) = await HostProcess.RunAsync(System.IO.File.ReadAllText(System.IO.Path.Combine(ModulePaths.RepoRoot,
                "src", "PresenceSync.Quickstart", "Scripts", "walkthrough.ps1")), PowerShellSession.NewStorePath());
            Assert.True(code == 0, output);
            Assert.Contains("OscillatingRule", output);
            Assert.Contains("ACD 'Ready' => Teams Available/Available", output);
        }
    }
}
