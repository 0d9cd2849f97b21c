using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// The benchmark (--benchmark): the emulator and the sync each in their own process, the driver
    /// in this one. Prints the figures per agent count, the throughput with 1, 2 and 4 apps and the
    /// endpoint's figures, the routing queries' figures, then the targets of issues 8 and 10 met or missed.
    /// </summary>
    internal static class BenchmarkRun
    {
        public static async Task<int> RunAsync(string manifest, BenchmarkOptions options, string storeDir)
        {
            var report = new Report();
            var watch = Stopwatch.StartNew();
            report.Line($"PresenceSync benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z on {Environment.MachineName}: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            report.Line($"Emulator and sync each in their own process; CPU and memory are the sync process's. The cores are shared (load average {Load.Now()} now): figures are noisy.");
            var routing = options.RoutingAgents ?? options.Agents.Max();
            var stores = options.Backends.Select(b => new BenchmarkStores(b, storeDir, options.PostgresConnection)).ToList();
            try
            {
                foreach (var backend in stores)
                {
                    var first = backend == stores[0];
                    foreach (var agents in options.Agents)
                    {
                        await new LatencyScenario(manifest, options, report, backend, primary: backend == stores[0]).RunAsync(agents, probeEndpoint: first);
                        first = false;
                    }
                }
                if (!options.SkipThroughput) await new ThroughputScenario(manifest, options, report).RunAsync(stores[0]);
                if (!options.SkipRouting) await new RoutingScenario(manifest, options, report).RunAsync(routing, stores[0]);
            }
            finally
            {
                foreach (var s in stores) s.Dispose();
            }
            Targets(report, options);
            if (!options.SkipRouting)
                report.Line($"Target (issue 10): routable-agents GET p99 < 10 ms at {routing:N0} agents: {(report.Get(routing, "routable_p99_ms") < 10 ? "met" : "MISSED")} ({report.Get(routing, "routable_p99_ms"):N2} ms, the worse of the two passes)");
            if (options.Backends.Count > 1) BackendRatio(report, options);
            report.Line($"Benchmark took {watch.Elapsed.TotalMinutes:N1} minutes.");
            return 0;
        }

        /// <summary>Issue 11: event-to-write latency on PostgreSQL within 2x of SQLite's.</summary>
        private static void BackendRatio(Report r, BenchmarkOptions o)
        {
            r.Line("Target (issue 11): ACD event -> Graph write latency on PostgreSQL within 2x of SQLite's:");
            foreach (var agents in o.Agents)
            {
                double? Of(string backend, string name) => r.Get(agents, backend + ":" + name);
                var p50 = Of("postgres", "p50_ms") / Of("sqlite", "p50_ms");
                var p99 = Of("postgres", "p99_ms") / Of("sqlite", "p99_ms");
                var met = p50 == null || p99 == null ? "not measured" : p50 <= 2 && p99 <= 2 ? "met" : "MISSED";
                r.Line($"  {agents:N0} agents: p50 {Of("postgres", "p50_ms"):N0} vs {Of("sqlite", "p50_ms"):N0} ms ({p50:N2}x), p99 {Of("postgres", "p99_ms"):N0} vs {Of("sqlite", "p99_ms"):N0} ms ({p99:N2}x): {met}; " +
                    $"-Once {Of("postgres", "once_ms"):N0} vs {Of("sqlite", "once_ms"):N0} ms; idle CPU {Of("postgres", "idle_cpu_pct"):N1}% vs {Of("sqlite", "idle_cpu_pct"):N1}%; peak working set {Of("postgres", "peak_ws_mb"):N0} vs {Of("sqlite", "peak_ws_mb"):N0} MB");
            }
        }

        private static void Targets(Report r, BenchmarkOptions o)
        {
            r.Line("Targets (issue 8):");
            string Verdict(bool? met) => met == null ? "not measured" : met.Value ? "met" : "MISSED";
            var small = o.Agents.Min();
            var large = o.Agents.Max();
            r.Line($"  p99 < 250 ms, {small:N0} agents, 1 app: {Verdict(r.Get(small, "p99_ms") < 250)} ({r.Get(small, "p99_ms"):N0} ms)");
            if (BenchmarkOptions.AppsFor(large) > 1) r.Line($"  p99 < 500 ms, {large:N0} agents, {BenchmarkOptions.AppsFor(large)} apps: {Verdict(r.Get(large, "p99_ms") < 500)} ({r.Get(large, "p99_ms"):N0} ms)");
            r.Line($"  idle < 2% of one core at {large:N0}: {Verdict(r.Get(large, "idle_cpu_pct") < 2)} ({r.Get(large, "idle_cpu_pct"):N1}%); " +
                $"within 2x of {small:N0}: {Verdict(r.Get(large, "idle_cpu_pct") <= 2 * r.Get(small, "idle_cpu_pct"))}");
            r.Line($"  -Once nothing new < 1 s at {large:N0}: {Verdict(r.Get(large, "once_ms") < 1000)} ({r.Get(large, "once_ms"):N0} ms)");
            r.Line($"  zero 429s under 95% of the budget: {Verdict(o.Agents.All(a => r.Get(a, "throttled") == 0))} ({string.Join(", ", o.Agents.Select(a => r.Get(a, "throttled")))})");
            var ratio = r.Get(4, "throughput") / r.Get(1, "throughput");
            r.Line($"  4 apps >= 3.6x one: {Verdict(ratio == null ? (bool?)null : ratio >= 3.6)} ({ratio:N2}x)");
            r.Line($"  peak working set < 300 MB at {large:N0}: {Verdict(r.Get(large, "peak_ws_mb") < 300)} ({r.Get(large, "peak_ws_mb"):N0} MB)");
        }
    }
}
