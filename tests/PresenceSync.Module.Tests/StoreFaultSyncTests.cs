using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>Issue 14 item 4 for a running sync: a store lost under it, and SIGTERM releasing the lock.</summary>
    [Collection("Loopback ports")]
    public class StoreFaultSyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;

        public StoreFaultSyncTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            Run(SyncFixture.Setup(tenant.TakeBlock(2), 2, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private static List<ErrorRecord> ErrorsOf(PowerShell sync) =>
            Enumerable.Range(0, sync.Streams.Error.Count).Select(i => sync.Streams.Error[i]).ToList();

        [Fact]
        public async Task A_store_deleted_under_a_running_sync_stops_it_with_StoreFileLost()
        {
            using var background = new PowerShellSession(Ps.StorePath);
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", _tenant.Variables).ThrowOnError();
            using var sync = background.Begin("Start-PresenceSync -PollInterval 00:00:01", _tenant.Variables);
            await Poll.Until(() => Run("(Get-PresenceSyncStatus).LastPassUtc").Output.Any(o => o?.BaseObject != null), TimeSpan.FromSeconds(60), "the first pass");

            foreach (var file in new[] { Ps.StorePath, Ps.StorePath + "-wal", Ps.StorePath + "-shm" }) File.Delete(file);
            await Poll.Until(() => sync.InvocationStateInfo.State != PSInvocationState.Running, TimeSpan.FromSeconds(60), "the sync to stop");

            var reason = sync.InvocationStateInfo.Reason as IContainsErrorRecord;
            var ids = ErrorsOf(sync).Select(e => e.FullyQualifiedErrorId).Concat(reason == null ? Array.Empty<string>() : new[] { reason.ErrorRecord.FullyQualifiedErrorId }).ToList();
            var text = string.Join(" | ", ids) + " | " + sync.InvocationStateInfo.Reason?.Message;
            _log.WriteLine(text);
            Assert.Contains(ids, id => id.StartsWith("StoreFileLost", StringComparison.Ordinal));
            Assert.DoesNotContain("cannot rollback", text);
            Assert.False(File.Exists(Ps.StorePath));
        }

        [Fact]
        public async Task SIGTERM_stops_a_real_pwsh_sync_like_Ctrl_C_and_releases_its_lock()
        {
            if (OperatingSystem.IsWindows()) return;
            var pidFile = Path.Combine(Path.GetDirectoryName(Ps.StorePath)!, "sync.pid");
            var script = Path.Combine(AppContext.BaseDirectory, "TestData", "SigtermSync.ps1");
            var environment = new Dictionary<string, string> { ["PRESENCESYNC_CLIENT_SECRET"] = _tenant.Connection.ClientSecret };
            var run = PwshProcess.RunFileAsync(script, new[] { "-Manifest", ModulePaths.Manifest, "-Store", Ps.StorePath, "-PidFile", pidFile },
                environment, TimeSpan.FromMinutes(3));
            // Running: a second sync is refused while it holds the lock.
            await Poll.Until(() => run.IsCompleted || Run("Start-PresenceSync -Once").ErrorIds.Contains("SyncAlreadyRunning"), TimeSpan.FromSeconds(120), "the pwsh sync to take the lock");
            Assert.False(run.IsCompleted, "pwsh ended early: " + (run.IsCompleted ? run.Result.Output : ""));
            var pid = int.Parse(File.ReadAllText(pidFile).Trim());

            Assert.Equal(0, StoreFaultTests.Sh("kill", $"-TERM {pid}").Code);
            var (code, output) = await run;
            _log.WriteLine(output);
            Assert.Equal(143, code);
            Assert.Equal("0", StoreFaultTests.Sh("sqlite3", $"\"{Ps.StorePath}\" \"SELECT COUNT(*) FROM sync_lock;\"").Output);

            var again = Run("Start-PresenceSync -Once");
            Assert.DoesNotContain("SyncAlreadyRunning", again.ErrorIds);
            Assert.Null(again.Terminating);
            Assert.DoesNotContain(again.Warnings, w => w.Contains("lock"));
        }
    }
}
