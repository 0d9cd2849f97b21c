using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using PresenceSync.Tests.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Two sync hosts on one PostgreSQL store (issue 11): one runs, the other stands by; the running
    /// one is killed while its writes are on their way, and the standby takes over within the lease
    /// timeout, recovers those writes, takes the events that came meanwhile, and presence converges.
    /// </summary>
    [Collection("Loopback ports")]
    public class PostgresFailoverTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;
        private readonly int _block;
        private string _connection = "";

        public PostgresFailoverTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            _block = tenant.TakeBlock(20);
        }

        private ScriptResult Run(string script) => Ps.Run(script, new Dictionary<string, object?>(_tenant.Variables) { ["Pg"] = _connection });

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private string? RunningOn() => Run("(Get-PresenceSyncStatus).RunningOn").Output.Select(o => o?.BaseObject as string).FirstOrDefault(s => s != null);

        private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {timeout}");
                await Task.Delay(200);
            }
        }

        private async Task<bool> All(IEnumerable<int> agents, string state)
        {
            foreach (var agent in agents) if (await Shown(agent) != state) return false;
            return true;
        }

        [SkippableFact]
        public async Task A_standby_host_takes_over_a_killed_sync_within_the_lease_timeout_and_nothing_is_lost_or_doubled()
        {
            _connection = PostgresServer.NewDatabase();
            Run("Set-PresenceSyncStore -ConnectionString $Pg").ThrowOnError();
            Run(SyncFixture.Setup(_block, 20, SyncFixture.StandardRule)).ThrowOnError();
            Run("1..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Inbound }").ThrowOnError();
            var script = $"Set-PresenceSyncStore -ConnectionString '{_connection}'; Start-PresenceSync -Standby -Duration 00:04:00 -PollInterval 00:00:05 -Verbose";
            Process? first = null, second = null;
            try
            {
                first = HostProcess.Start(script, Ps.StorePath, _tenant.Connection.ClientSecret);
                await WaitFor(() => Task.FromResult(RunningOn()?.Contains($"process {first.Id} ") == true), TimeSpan.FromSeconds(90), "the first host runs");
                // Both processes run on this computer; make the first look like another host's, so
                // that the standby cannot see it die and must wait for its lease to lapse.
                var database = System.Text.RegularExpressions.Regex.Match(_connection, "Database=([^;]+)").Groups[1].Value;
                PostgresServer.Exec(database, "UPDATE sync_unit_lease SET host = 'other-host'");
                second = HostProcess.Start(script, Ps.StorePath, _tenant.Connection.ClientSecret);
                await WaitFor(() => All(Enumerable.Range(1, 20), "Busy/InACall"), TimeSpan.FromSeconds(60), "the first host wrote every agent");
                // The standby started its module and stands by; the first host still runs.
                await Task.Delay(TimeSpan.FromSeconds(8));
                Assert.False(second.HasExited, "the standby host ended instead of standing by");
                Assert.Contains($"process {first.Id} on other-host", RunningOn());

                // Kill the running host while a pass has announced its writes and sent them.
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "latency", pathContains = "$batch", latencyMs = 4000 });
                Run("1..20 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Idle }").ThrowOnError();
                await Task.Delay(2500);
                first.Kill(entireProcessTree: true);
                first.WaitForExit();
                var killed = DateTime.UtcNow;
                await _tenant.Control(HttpMethod.Delete, "/faults");
                // Events while no host runs are kept in the store and taken by the next one.
                Run("1..5 | ForEach-Object { Set-PresenceAgentState -AgentId \"S$_\" -State Conference }").ThrowOnError();

                await WaitFor(() => Task.FromResult(RunningOn()?.Contains($"process {second.Id} ") == true), TimeSpan.FromSeconds(60), "the standby took over");
                var takeover = DateTime.UtcNow - killed;
                _log.WriteLine($"takeover after {takeover.TotalSeconds:0.0} s");
                // The lease lapses 30 s after the last heartbeat, which was at most 10 s before the kill;
                // the standby looks every 2 s (and this check polls the status a little later still).
                Assert.InRange(takeover.TotalSeconds, 15, 40);
                await WaitFor(async () => await All(Enumerable.Range(1, 5), "Busy/InAConferenceCall") && await All(Enumerable.Range(6, 15), "Away/Away"),
                    TimeSpan.FromSeconds(60), "presence converged");

                // Quiet: nothing is written twice or fought over once presence has converged.
                var stats = await _tenant.Control(HttpMethod.Get, "/stats");
                await Task.Delay(TimeSpan.FromSeconds(12));
                Assert.Equal((long?)stats["presenceWrites"], (long?)(await _tenant.Control(HttpMethod.Get, "/stats"))["presenceWrites"]);
                var status = Run("Get-PresenceSyncStatus").ThrowOnError();
                Assert.Equal(20, status.Property(0, "InSync"));
                Assert.Equal(0, status.Property(0, "PendingWrites"));
            }
            finally
            {
                foreach (var p in new[] { first, second })
                {
                    if (p == null) continue;
                    try { if (!p.HasExited) p.Kill(entireProcessTree: true); p.WaitForExit(); } catch (InvalidOperationException) { }
                    _log.WriteLine(p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd());
                    p.Dispose();
                }
                await _tenant.Control(HttpMethod.Delete, "/faults");
            }
        }

        [SkippableFact]
        public async Task On_a_SQLite_store_a_standby_sync_is_refused_as_a_second_sync_always_is()
        {
            Run(SyncFixture.Setup(_block, 2, SyncFixture.StandardRule)).ThrowOnError();
            using var running = HostProcess.Start("Start-PresenceSync -Duration 00:01:30", Ps.StorePath, _tenant.Connection.ClientSecret);
            try
            {
                await WaitFor(() => Task.FromResult(RunningOn() != null), TimeSpan.FromSeconds(90), "the first sync runs");
                var second = Run("Start-PresenceSync -Standby -Once");
                var id = second.ErrorIds.FirstOrDefault() ?? second.Terminating?.ErrorRecord.FullyQualifiedErrorId ?? "";
                Assert.StartsWith("SyncAlreadyRunning", id);
            }
            finally
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit();
            }
        }
    }
}
