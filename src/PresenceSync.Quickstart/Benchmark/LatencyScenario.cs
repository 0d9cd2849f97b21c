using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PresenceSync.Emulator;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// One agent count: setup, a -Once pass with nothing to do, then the sync in its own process:
    /// idle CPU, a steady load (one change per agent per minute, capped at 95% of the apps' budget)
    /// with ACD-event-to-applied-write latency from the emulator's write log, CPU and working set.
    /// </summary>
    internal sealed class LatencyScenario
    {
        private const int Budget = 1500; // Graph's: per 30 s per app per tenant
        private readonly string _manifest;
        private readonly BenchmarkOptions _options;
        private readonly Report _report;

        private readonly BenchmarkStores _stores;
        private readonly bool _primary;

        /// <param name="primary">Whether its figures are the ones the targets are checked on (the first backend of the run).</param>
        public LatencyScenario(string manifest, BenchmarkOptions options, Report report, BenchmarkStores stores, bool primary)
        {
            _manifest = manifest;
            _options = options;
            _report = report;
            _stores = stores;
            _primary = primary;
        }

        private void Figure(int agents, string name, double value)
        {
            if (_primary) _report.Figure(agents, name, value);
            _report.Figure(agents, _stores.Backend + ":" + name, value);
        }

        public async Task RunAsync(int agents, bool probeEndpoint)
        {
            var apps = BenchmarkOptions.AppsFor(agents);
            var users = agents * 7 / 6 + 50; // every 7th seeded user is disabled
            var watch = Stopwatch.StartNew();
            await using var emulator = await EmulatorProcess.StartAsync($"--users {users}");
            var tenant = emulator.Connection;
            using var control = new EmulatorControl(tenant);
            var store = _stores.For($"bench-{agents}");
            using var shell = new BenchmarkShell(_manifest, store);
            var userIds = await UnitSetup.RunAsync(shell, control, tenant, "Default", agents, apps, Budget);
            _report.Line($"{agents:N0} agents, {apps} app(s) ({UnitSetup.Spread(shell, "Default")} agents), {users:N0} Teams users, store {_stores.Describe()}; setup {watch.Elapsed.TotalSeconds:N0} s");

            // -Once with nothing new: the first builds the sessions and reads Teams once; the second is the figure.
            shell.Run("Start-PresenceSync -Once -NoSipSource -WarningAction SilentlyContinue | Out-Null");
            var once = Stopwatch.StartNew();
            shell.Run("Start-PresenceSync -Once -NoSipSource -WarningAction SilentlyContinue | Out-Null");
            once.Stop();
            Figure(agents, "once_ms", once.Elapsed.TotalMilliseconds);
            _report.Line($"  -Once, nothing new                      {once.Elapsed.TotalMilliseconds,8:N0} ms");

            var port = FreePort();
            var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            using var sync = SyncProcess.Start(store, new Dictionary<string, string>
            {
                ["BENCH_EVENT_PORT"] = port.ToString(), ["BENCH_EVENT_SECRET"] = secret, ["BENCH_POLL_INTERVAL"] = "00:00:10",
            });
            using var poster = new EventPoster(port, secret);
            if (!await poster.WaitUntilListeningAsync(TimeSpan.FromSeconds(120), () => sync.Exited))
                throw new InvalidOperationException("The sync process did not listen: " + string.Join(" | ", sync.Errors));
            await Task.Delay(TimeSpan.FromSeconds(12)); // its first reconcile

            var rate = Math.Min(agents / 60.0, 0.95 * apps * Budget / 30.0);
            var order = userIds.Keys.OrderBy(a => (a.GetHashCode() & 0x7fffffff) % 9973).ThenBy(a => a, StringComparer.Ordinal).ToList();
            var turn = new Dictionary<string, int>();
            // A short warm-up at the same rate, so the figures are of a running sync, not of its JIT.
            await poster.SteadyAsync(order, rate, TimeSpan.FromSeconds(5), null, turn);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var since = await control.LastWriteAsync(tenant);
            await control.PostAsync(tenant, "/stats/reset", new { });
            var load = Load.Now();
            var loadCpu = sync.Cpu;
            var loadWatch = Stopwatch.StartNew();
            var posted = await poster.SteadyAsync(order.Skip((int)(rate * 5)).Concat(order.Take((int)(rate * 5))).ToList(), rate, _options.Load, null, turn);
            var loaded = (sync.Cpu - loadCpu).TotalSeconds / loadWatch.Elapsed.TotalSeconds;
            var seconds = loadWatch.Elapsed.TotalSeconds;
            var accepted = posted.Where(p => p.Status == 202).ToList();
            var writes = await WaitForWritesAsync(control, tenant, since, accepted.Count);
            var stats = await control.GetAsync(tenant, "/stats");
            var latency = Match(accepted, writes, userIds);
            var applied = writes.Count(w => w.Status == 200 && w.Operation == "setPresence");
            var throttled = (long?)stats["throttled"] ?? 0;
            Figure(agents, "p99_ms", latency.At(99));
            Figure(agents, "p50_ms", latency.At(50));
            Figure(agents, "throttled", throttled);
            _report.Line($"  load: {rate:N1} events/s for {_options.Load.TotalSeconds:N0} s ({accepted.Count:N0} accepted of {posted.Count:N0} posted); machine load average {load} -> {Load.Now()}");
            _report.Line($"  ACD event -> Graph write latency        {latency}; {accepted.Count - latency.Count} not written");
            _report.Line($"  writes per event {(double)applied / Math.Max(1, accepted.Count):N2}; Graph requests {(long?)stats["totalRequests"] / seconds:N1}/s; 429s {throttled}");
            _report.Line($"  CPU loaded                              {loaded * 60,8:N2} s per minute = {loaded * 100:N1}% of one core");

            // Idle: the same running (warm) sync once its writes have landed; a reconcile every 10 s is its only work.
            await Task.Delay(TimeSpan.FromSeconds(10));
            var idleLoad = Load.Now();
            var idleCpu = sync.Cpu;
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(_options.Idle);
            var idle = (sync.Cpu - idleCpu).TotalSeconds / idleWatch.Elapsed.TotalSeconds;
            Figure(agents, "idle_cpu_pct", idle * 100);
            _report.Line($"  CPU idle (reconcile every 10 s)         {idle * 60,8:N2} s per minute = {idle * 100:N1}% of one core (over {_options.Idle.TotalSeconds:N0} s; load average {idleLoad})");

            if (probeEndpoint) await new EndpointProbes(_report, poster, sync, port, order).RunAsync();

            var peak = sync.PeakWorkingSetMb;
            Figure(agents, "peak_ws_mb", peak);
            _report.Line($"  sync peak working set                   {peak,8:N0} MB (now {sync.WorkingSetMb:N0} MB)");
            shell.Run("Stop-PresenceSync -WarningAction SilentlyContinue | Out-Null");
            await sync.WaitForExitAsync(TimeSpan.FromSeconds(60));
            _report.Line($"  ({watch.Elapsed.TotalSeconds:N0} s for this agent count)");
        }

        /// <summary>The write log once every accepted event has had its write, or 20 s after the load ended.</summary>
        private static async Task<List<AppliedWrite>> WaitForWritesAsync(EmulatorControl control, EmulatorConnection tenant, long since, int expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var writes = await control.WritesSinceAsync(tenant, since);
                if (writes.Count(w => w.Status == 200) >= expected || DateTime.UtcNow > deadline) return writes;
                await Task.Delay(1000);
            }
        }

        /// <summary>For each event, the first applied write for its user with its state's activity at or after the post.</summary>
        public static Percentiles Match(IReadOnlyList<PostedEvent> events, IReadOnlyList<AppliedWrite> writes, IReadOnlyDictionary<string, string> userIds)
        {
            var byUser = writes.Where(w => w.Status == 200).GroupBy(w => w.UserId).ToDictionary(g => g.Key, g => g.OrderBy(w => w.Sequence).ToList());
            var used = new HashSet<long>();
            var latencies = new List<double>();
            foreach (var e in events.OrderBy(e => e.PostedAt))
            {
                if (!userIds.TryGetValue(e.AgentId, out var user) || !byUser.TryGetValue(user, out var list)) continue;
                var activity = e.State == "Inbound" ? "InACall" : "InAConferenceCall";
                var w = list.FirstOrDefault(x => !used.Contains(x.Sequence) && x.Activity == activity && x.AppliedAt >= e.PostedAt.AddMilliseconds(-5));
                if (w == null) continue;
                used.Add(w.Sequence);
                latencies.Add(Math.Max(0, (w.AppliedAt - e.PostedAt).TotalMilliseconds));
            }
            return new Percentiles(latencies);
        }

        public static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
