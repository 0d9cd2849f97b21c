using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The exit-code contract of unattended runs, in real pwsh processes started as a scheduled task
    /// starts them (pwsh -NoProfile -NonInteractive -File run.ps1) against the emulator: 0 when the
    /// run did its job, 1 when it could not (no app, a refused credential, Graph unreachable, an
    /// unusable store), 2 when it wrote errors, 3 for warnings under -FailOn Warning. The store is
    /// prepared in this process; the run script only runs Start-PresenceSync -Once and prints its
    /// summaries, then 'after', which proves the script went on to its end.
    /// </summary>
    public class UnattendedRunTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
        private readonly SyncFixture _tenant;

        public UnattendedRunTests(SyncFixture tenant) => _tenant = tenant;

        private string Connect(string extra = "") =>
            TenantFixture.Connect + " " + extra + " -WarningAction SilentlyContinue | Out-Null";

        /// <summary>Connects with <paramref name="connect"/>, maps two agents, and queues an ACD event for each.</summary>
        private void Prepare(string connect)
        {
            var block = _tenant.TakeBlock(2);
            var setup = SyncFixture.Setup(block, 2, SyncFixture.StandardRule).Replace(TenantFixture.Connect, connect);
            Ps.Run(setup, _tenant.Variables).ThrowOnError(ignoreErrors: true);
            Ps.Run("Set-PresenceAgentState -AgentId S1 -State Inbound; Set-PresenceAgentState -AgentId S2 -State Outbound").ThrowOnError();
        }

        private async Task<(int Code, string Output)> RunOnce(string options = "", string? store = null)
        {
            var script = Path.Combine(Path.GetDirectoryName(Ps.StorePath)!, Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, $@"
                Import-Module '{ModulePaths.Manifest}'
                Set-PresenceSyncStore -Path '{store ?? Ps.StorePath}'
                Start-PresenceSync -Once {options} | Where-Object {{ $_ -is [PresenceSync.Engine.Sync.PresenceSyncSummary] }} | ForEach-Object {{
                    'summary {{0}} {{1}} made={{2}} failed={{3}} read={{4}} warnings={{5}}' -f $_.BusinessUnit, $_.Result, $_.WritesMade, $_.WritesFailed, $_.TeamsReadOk, @($_.Warnings).Count
                }}
                'after'
                $Error | ForEach-Object {{ 'error: ' + $_.FullyQualifiedErrorId }}");
            var (code, output) = await PwshProcess.RunFileAsync(script, Array.Empty<string>(), new Dictionary<string, string>(), Limit);
            return (code, output);
        }

        [Fact]
        public async Task A_run_that_did_its_job_exits_0_with_a_summary_per_unit()
        {
            Prepare(Connect());
            var (code, output) = await RunOnce();
            Assert.True(code == 0, output);
            Assert.Contains("summary Default Succeeded made=2 failed=0 read=True", output);
            Assert.Contains("after", output);
        }

        [Fact]
        public async Task Failed_writes_are_errors_per_agent_and_exit_2()
        {
            Prepare(Connect());
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "$batch", status = 403 });
            try
            {
                var (code, output) = await RunOnce();
                Assert.True(code == 2, output);
                Assert.Contains("TeamsWriteFailed", output);
                Assert.Contains("summary Default PartiallyFailed made=0 failed=2 read=True", output);
                Assert.Contains("after", output);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        [Fact]
        public async Task A_Teams_read_failure_lets_writes_through_marks_the_view_stale_and_exits_2()
        {
            Prepare(Connect());
            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", status = 403 });
            try
            {
                var (code, output) = await RunOnce();
                Assert.True(code == 2, output);
                Assert.Contains("summary Default Degraded made=2 failed=0 read=False warnings=1", output);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        [Fact]
        public async Task No_app_exits_1()
        {
            Ps.Run("Import-PresenceAgent -AgentId S1 -Email nobody@contoso.test").ThrowOnError();
            var (code, output) = await RunOnce();
            Assert.True(code == 1, output);
            Assert.Contains("NoSyncApp", output);
            Assert.Contains("after", output);
        }

        [Fact]
        public async Task A_refused_credential_exits_1_with_SyncUnitFailed()
        {
            Prepare(Connect());
            Ps.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', 'not-the-secret').SecurePassword)").ThrowOnError();
            var (code, output) = await RunOnce();
            Assert.True(code == 1, output);
            Assert.Contains("SyncUnitFailed", output);
            Assert.Contains("summary Default Failed made=0", output);
        }

        [Fact]
        public async Task Unreachable_Graph_exits_1_with_SyncUnitFailed()
        {
            // Sign-in works, Graph itself is a closed port on this machine.
            Prepare(Connect());
            Ps.Run("Set-PresenceSyncApp -GraphBaseUrl 'https://127.0.0.1:9/v1.0'").ThrowOnError();
            var (code, output) = await RunOnce();
            Assert.True(code == 1, output);
            Assert.Contains("SyncUnitFailed", output);
        }

        [Fact]
        public async Task An_unusable_store_exits_1()
        {
            var broken = Path.Combine(Path.GetDirectoryName(Ps.StorePath)!, "broken.db");
            File.WriteAllText(broken, "this is not a SQLite database, it is a text file that someone copied over the store");
            var (code, output) = await RunOnce(store: broken);
            Assert.True(code == 1, output);
            Assert.Contains("Store", output);
        }

        [Fact]
        public async Task Warnings_exit_3_only_under_FailOn_Warning_and_FailOn_None_never_fails()
        {
            Prepare(Connect($"-SecretExpiresUtc '{DateTime.UtcNow.AddDays(10):yyyy-MM-dd}'"));
            var (code, output) = await RunOnce("-FailOn Warning");
            Assert.True(code == 3, output);
            Assert.Contains("expires on", output);
            Assert.Contains("summary Default Succeeded made=2 failed=0 read=True warnings=1", output);

            Ps.Run("Set-PresenceAgentState -AgentId S1 -State Available").ThrowOnError();
            (code, output) = await RunOnce();
            Assert.True(code == 0, output);

            await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "$batch", status = 403 });
            try
            {
                Ps.Run("Set-PresenceAgentState -AgentId S1 -State Inbound").ThrowOnError();
                (code, output) = await RunOnce("-FailOn None");
                Assert.True(code == 0, output);
                Assert.Contains("TeamsWriteFailed", output);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }
    }
}
