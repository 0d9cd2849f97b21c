using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Write throughput with 1, 2 and 4 apps when demand exceeds them all: one emulator with three
    /// tenants (one unit each, 1,000 agents), each app's budget shrunk to keep the machine's share
    /// of the work small (the ratio between app counts is what the budget fixes, not its size).
    /// </summary>
    internal sealed class ThroughputScenario
    {
        private readonly string _manifest;
        private readonly BenchmarkOptions _options;
        private readonly Report _report;

        public ThroughputScenario(string manifest, BenchmarkOptions options, Report report)
        {
            _manifest = manifest;
            _options = options;
            _report = report;
        }

        public async Task RunAsync(BenchmarkStores stores)
        {
            const int agents = 400;
            var budget = _options.ThroughputBudget;
            var perApp = budget / 30.0;
            var watch = Stopwatch.StartNew();
            await using var emulator = await EmulatorProcess.StartAsync($"--users 520 --budget {budget} --tenants 3");
            var tenants = emulator.Connection.Tenants!;
            using var control = new EmulatorControl(emulator.Connection);
            var store = stores.For("bench-throughput");
            using var shell = new BenchmarkShell(_manifest, store);
            var appCounts = new[] { 1, 2, 4 };
            var demand = perApp * 4 * 1.5;
            _report.Line($"Write throughput: {agents:N0} agents per unit, each app's budget {budget} per 30 s in the emulator and the sync " +
                $"(Graph's is 1,500: scaled down 1:{1500.0 / budget:N0} so the 2 cores are not the limit), demand {demand:N0} events/s (1.5x four apps' budget)");
            var units = new List<(int Apps, string Unit, Dictionary<string, string> Users)>();
            for (var i = 0; i < appCounts.Length; i++)
            {
                var unit = $"Apps{appCounts[i]}";
                units.Add((appCounts[i], unit, await UnitSetup.RunAsync(shell, control, tenants[i], unit, agents, appCounts[i], budget)));
            }
            _report.Line($"  setup {watch.Elapsed.TotalSeconds:N0} s");
            double? one = null;
            for (var i = 0; i < units.Count; i++)
            {
                var (apps, unit, users) = units[i];
                var tenant = tenants[i];
                var port = LatencyScenario.FreePort();
                var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                using var sync = SyncProcess.Start(store, new Dictionary<string, string>
                {
                    ["BENCH_EVENT_PORT"] = port.ToString(), ["BENCH_EVENT_SECRET"] = secret, ["BENCH_POLL_INTERVAL"] = "00:01:00", ["BENCH_UNITS"] = unit,
                });
                using var poster = new EventPoster(port, secret);
                if (!await poster.WaitUntilListeningAsync(TimeSpan.FromSeconds(120), () => sync.Exited))
                    throw new InvalidOperationException("The sync process did not listen: " + string.Join(" | ", sync.Errors));
                await Task.Delay(3000);
                var since = await control.LastWriteAsync(tenant);
                await control.PostAsync(tenant, "/stats/reset", new { });
                var start = DateTimeOffset.UtcNow;
                // Whole budget windows, so a window's burst does not count as throughput.
                var run = TimeSpan.FromSeconds(Math.Max(1, Math.Round(_options.ThroughputRun.TotalSeconds / 30)) * 30);
                var load = Load.Now();
                var posted = await poster.SteadyAsync(users.Keys.ToList(), demand, run, unit, new Dictionary<string, int>());
                var end = DateTimeOffset.UtcNow;
                var writes = (await control.WritesSinceAsync(tenant, since)).Where(w => w.AppliedAt >= start && w.AppliedAt <= end).ToList();
                var ok = writes.Count(w => w.Status == 200);
                var stats = await control.GetAsync(tenant, "/stats");
                var rate = ok / (end - start).TotalSeconds;
                one ??= rate;
                var byApp = string.Join(" + ", writes.Where(w => w.Status == 200).GroupBy(w => w.AppId).Select(g => g.Count()));
                _report.Figure(apps, "throughput", rate);
                _report.Line($"  {apps} app(s): {rate,6:N1} writes/s = {rate / (apps * perApp) * 100:N0}% of their budget ({byApp} writes by app), " +
                    $"{rate / one.Value:N2}x one app; {posted.Count(p => p.Status == 202):N0} events accepted; 429s {(long?)stats["throttled"] ?? 0}; load average {load}");
                shell.Run("Stop-PresenceSync -WarningAction SilentlyContinue | Out-Null");
                await sync.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            _report.Line($"  ({watch.Elapsed.TotalSeconds:N0} s for the throughput runs)");
        }
    }
}
