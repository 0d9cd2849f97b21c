using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Issue 14 item 4: a full disk, a read-only file and a lost file are store errors with their
    /// own ids and the real cause; nothing stored is damaged; the store is owner-only (0600).
    /// Cases that need root (a small tmpfs, chattr +i) say so and end early when not root.
    /// </summary>
    public class StoreFaultTests : ModuleTestBase
    {
        private readonly ITestOutputHelper _log;

        public StoreFaultTests(ITestOutputHelper log) => _log = log;

        private static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

        internal static (int Code, string Output) Sh(string file, string args)
        {
            var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output.Trim());
        }

        internal static string IntegrityCheck(string store) => Sh("sqlite3", $"\"{store}\" \"PRAGMA integrity_check;\"").Output;

        private static string FirstErrorId(ScriptResult result) =>
            result.Terminating?.ErrorRecord.FullyQualifiedErrorId.Split(',')[0] ?? result.ErrorIds.FirstOrDefault() ?? "(none)";

        private static string Messages(ScriptResult result) =>
            string.Join(" | ", result.Errors.Select(e => e.Exception.Message).Concat(new[] { result.Terminating?.Message ?? "" }));

        [Fact]
        public void The_store_and_its_wal_and_shm_files_are_readable_by_their_owner_only()
        {
            if (OperatingSystem.IsWindows()) return;
            Ps.Run("Import-PresenceAgent -AgentId A1; Set-PresenceAgentState -AgentId A1 -State X -ErrorAction SilentlyContinue").ThrowOnError(ignoreErrors: true);
            foreach (var file in new[] { Ps.StorePath, Ps.StorePath + "-wal", Ps.StorePath + "-shm" })
            {
                Assert.True(File.Exists(file), file);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                Assert.Equal("600", Sh("stat", $"-c %a \"{file}\"").Output);
            }
            // A store made world-readable (by an older version) is made owner-only when opened again.
            File.SetUnixFileMode(Ps.StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            using var again = new PowerShellSession(Ps.StorePath);
            again.Run("Get-PresenceAgent").ThrowOnError();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Ps.StorePath));
        }

        [Fact]
        public void A_full_disk_is_StoreDiskFull_with_the_real_cause_and_what_was_stored_stays_intact()
        {
            if (!IsRoot)
            {
                _log.WriteLine("SKIPPED: mounting a small tmpfs needs root.");
                return;
            }
            var mount = Path.Combine(Path.GetTempPath(), "presencesync-full-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(mount);
            var (code, output) = Sh("mount", $"-t tmpfs -o size=3m tmpfs \"{mount}\"");
            if (code != 0)
            {
                _log.WriteLine("SKIPPED: cannot mount a tmpfs here: " + output);
                return;
            }
            try
            {
                var store = Path.Combine(mount, "store.db");
                using var ps = new PowerShellSession(store);
                ps.Run("1..20 | ForEach-Object { [pscustomobject]@{ AgentId = \"K$_\"; Name = 'Kept' } } | Import-PresenceAgent").ThrowOnError();
                var filler = Path.Combine(mount, "filler");
                try
                {
                    using var f = new FileStream(filler, FileMode.Create);
                    var block = new byte[64 * 1024];
                    while (true) f.Write(block, 0, block.Length);
                }
                catch (IOException) { }

                var full = ps.Run("1..400 | ForEach-Object { [pscustomobject]@{ AgentId = \"F$_\"; Name = ('n' * 8000) } } | Import-PresenceAgent");
                _log.WriteLine(Messages(full));
                Assert.Equal("StoreDiskFull", FirstErrorId(full));
                Assert.Contains("disk is full", Messages(full));
                Assert.DoesNotContain("cannot rollback", Messages(full));
                Assert.DoesNotContain("Graph", Messages(full));

                var state = ps.Run("New-PresenceRule -Name R -Row 'Inbound => Busy/InACall' -ErrorAction SilentlyContinue | Out-Null; Set-PresenceAgentState -AgentId K1 -State Inbound");
                Assert.Contains(FirstErrorId(state), new[] { "StoreDiskFull", "UnknownAcdState" });
                File.Delete(filler);
                Assert.Equal("ok", IntegrityCheck(store));
                Assert.Equal(20, ps.Run("Get-PresenceAgent -AgentId 'K*'").ThrowOnError().Output.Count);
                ps.Run("Import-PresenceAgent -AgentId After").ThrowOnError();
            }
            finally
            {
                Sh("umount", $"-l \"{mount}\"");
            }
        }

        [Fact]
        public async Task A_read_only_store_is_StoreReadOnly_with_the_real_cause_and_reads_still_work()
        {
            Ps.Run("Import-PresenceAgent -AgentId R1 -Name Kept").ThrowOnError();
            var (code, output) = IsRoot ? Sh("chattr", $"+i \"{Ps.StorePath}\"") : Sh("chmod", $"0444 \"{Ps.StorePath}\"");
            if (code != 0)
            {
                _log.WriteLine("SKIPPED: cannot make the store read-only here: " + output);
                return;
            }
            try
            {
                // A process of its own: this one's pooled connections opened the file before it became read-only.
                var (_, text) = await HostProcess.RunAsync(
                    "Get-PresenceAgent | ForEach-Object { 'READ: ' + $_.AgentId }; try { Import-PresenceAgent -AgentId R2 -ErrorAction Stop } catch { 'ERRORID: ' + $_.FullyQualifiedErrorId; 'MESSAGE: ' + $_.Exception.Message }",
                    Ps.StorePath, new System.Collections.Generic.Dictionary<string, string?>());
                _log.WriteLine(text);
                Assert.Contains("READ: R1", text);
                Assert.Contains("ERRORID: StoreReadOnly", text);
                Assert.Contains("read-only", text);
                Assert.DoesNotContain("cannot rollback", text);
            }
            finally
            {
                if (IsRoot) Sh("chattr", $"-i \"{Ps.StorePath}\"");
                else Sh("chmod", $"0600 \"{Ps.StorePath}\"");
            }
            Assert.Equal("ok", IntegrityCheck(Ps.StorePath));
            Assert.Equal("R1", Ps.Run("Get-PresenceAgent").ThrowOnError().Property(0, "AgentId"));
        }

        [Fact]
        public void A_store_deleted_while_in_use_is_StoreFileLost_and_nothing_is_written_to_the_lost_file()
        {
            Ps.Run("Import-PresenceAgent -AgentId L1").ThrowOnError();
            foreach (var file in new[] { Ps.StorePath, Ps.StorePath + "-wal", Ps.StorePath + "-shm" }) File.Delete(file);
            var lost = Ps.Run("Import-PresenceAgent -AgentId L2");
            Assert.Equal("StoreFileLost", FirstErrorId(lost));
            Assert.Contains("deleted or moved", Messages(lost));
            Assert.False(File.Exists(Ps.StorePath)); // no new empty store made behind the admin's back
        }
    }
}
