using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Emulator;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Issue 10's figure: the routing GET queries of a running sync (its own process) with every
    /// agent in one service under a Nimbus-like policy, half of them Available in Teams. Measured
    /// twice: with the sync otherwise idle, and while ACD events flip agents' routability (each
    /// flip makes the routable list again), from a client in the driver's process.
    /// </summary>
    internal sealed class RoutingScenario
    {
        private const string Policy = "'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available => Route', 'Busy => Route'";
        private readonly string _manifest;
        private readonly BenchmarkOptions _options;
        private readonly Report _report;

        public RoutingScenario(string manifest, BenchmarkOptions options, Report report)
        {
            _manifest = manifest;
            _options = options;
            _report = report;
        }

        public async Task RunAsync(int agents, BenchmarkStores stores)
        {
            var users = agents * 7 / 6 + 50;
            await using var emulator = await EmulatorProcess.StartAsync($"--users {users}");
            var tenant = emulator.Connection;
            using var control = new EmulatorControl(tenant);
            var store = stores.For($"routing-{agents}");
            using var shell = new BenchmarkShell(_manifest, store);
            var userIds = await UnitSetup.RunAsync(shell, control, tenant, "Default", agents, 1, 1500);
            shell.Run($"New-PresenceRoutingPolicy -Name Nimbus -Row {Policy} -AcdContactState Inbound | Out-Null; " +
                "New-PresenceRoutingService -Name Hotline -Policy Nimbus | Out-Null; Add-PresenceRoutingAssignment -Service Hotline -AcdTeam Bench -WarningAction SilentlyContinue | Out-Null");
            var upns = shell.Run("Get-PresenceAgent | ForEach-Object Email").Select(o => o.ToString()).Take(agents / 2).ToList();
            await Task.WhenAll(upns.Chunk(Math.Max(1, upns.Count / 8)).Select(async chunk =>
            {
                foreach (var upn in chunk) await control.PutAsync(tenant, $"/users/{upn}/devices/desktop", new { availability = "Available", activity = "Available" });
            }));

            var port = LatencyScenario.FreePort();
            var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            using var sync = SyncProcess.Start(store, new Dictionary<string, string>
            {
                ["BENCH_EVENT_PORT"] = port.ToString(), ["BENCH_EVENT_SECRET"] = secret, ["BENCH_POLL_INTERVAL"] = "00:00:10",
            });
            using var client = new RoutingQueryClient(port, secret);
            var routable = await FirstDecisionsAsync(client, sync);
            _report.Line($"Routing queries: {agents:N0} agents in one service, {routable:N0} routable; the sync in its own process, the client in the driver's");

            var order = userIds.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList();
            var requests = _options.Quick ? 500 : 2000;
            await MeasureAsync(client, agents, order, requests, "sync idle apart from its reconcile");
            using var poster = new EventPoster(port, secret);
            using var stop = new CancellationTokenSource();
            var flipping = FlipAsync(poster, order, 20, stop.Token);
            await MeasureAsync(client, agents, order, requests, "while ACD events flip 20 agents/s");
            stop.Cancel();
            var flips = await flipping;
            _report.Line($"  ({flips:N0} flipping events posted during the second pass)");
            shell.Run("Stop-PresenceSync -WarningAction SilentlyContinue | Out-Null");
            await sync.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }

        private async Task MeasureAsync(RoutingQueryClient client, int size, IReadOnlyList<string> agents, int requests, string what)
        {
            var random = new Random(10);
            _report.Line($"  {what} (load average {Load.Now()}):");
            foreach (var (name, target, count) in new (string, Func<string>, int)[]
            {
                ("GET /routing/{service}/agents/{agentId}", () => "/routing/Hotline/agents/" + agents[random.Next(agents.Count)], requests),
                ("GET /routing/{service}/routable", () => "/routing/Hotline/routable", requests),
                ("GET /routing/{service} (all decisions)", () => "/routing/Hotline", Math.Max(20, requests / 20)),
            })
            {
                var times = new List<double>();
                var bytes = 0;
                for (var i = 0; i < count + 20; i++)
                {
                    var answer = await client.GetAsync(target());
                    if (answer.Status != 200) throw new InvalidOperationException($"{name} answered {answer.Status}.");
                    bytes = answer.Bytes;
                    if (i >= 20) times.Add(answer.Ms); // the first 20 warm up
                }
                var p = new Percentiles(times);
                if (name.EndsWith("/routable", StringComparison.Ordinal)) _report.Figure(size, "routable_p99_ms", Math.Max(_report.Get(size, "routable_p99_ms") ?? 0, p.At(99)));
                _report.Line($"    {name,-42} p50 {p.At(50),7:N2}  p95 {p.At(95),7:N2}  p99 {p.At(99),7:N2}  max {p.Max,7:N2} ms ({p.Count:N0} requests, {bytes:N0} bytes)");
            }
        }

        /// <summary>Agents in turn go Inbound (not routable) and back to Available (routable again).</summary>
        private static async Task<int> FlipAsync(EventPoster poster, IReadOnlyList<string> agents, double perSecond, CancellationToken ct)
        {
            var n = 0;
            var start = DateTime.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                var agent = agents[(n / 2) % agents.Count];
                await poster.PostAsync(EventPoster.Json(agent, n % 2 == 0 ? "Inbound" : "Available", null, DateTimeOffset.UtcNow), ct);
                n++;
                var due = start + TimeSpan.FromSeconds(n / perSecond) - DateTime.UtcNow;
                try { if (due > TimeSpan.Zero) await Task.Delay(due, ct); }
                catch (OperationCanceledException) { break; }
            }
            return n;
        }

        private static async Task<int> FirstDecisionsAsync(RoutingQueryClient client, SyncProcess sync)
        {
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (DateTime.UtcNow < deadline && !sync.Exited)
            {
                try
                {
                    var answer = await client.GetAsync("/routing/Hotline/routable", keepBody: true);
                    if (answer.Status == 200 && JsonDocument.Parse(answer.Body).RootElement.GetProperty("count").GetInt32() is int count && count > 0) return count;
                }
                catch (System.Net.Http.HttpRequestException) { }
                await Task.Delay(500);
            }
            throw new InvalidOperationException("The sync did not answer routing queries within 10 minutes: " + string.Join(" | ", sync.Errors));
        }
    }
}
