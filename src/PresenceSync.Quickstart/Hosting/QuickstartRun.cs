using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Emulator;
using PresenceSync.Quickstart.Simulation;

namespace PresenceSync.Quickstart.Hosting
{
    /// <summary>
    /// The main job on a machine with nothing but the .NET SDK: a Graph emulator with a few hundred
    /// Teams users, the quickstart script run in the hosted engine against it, simulated ACD
    /// events posted to the sync's endpoint and simulated Teams changes while the sync runs.
    /// </summary>
    internal static class QuickstartRun
    {
        /// <summary>The benchmark: the same emulator and host, a bigger directory, no simulated traffic, numbers printed.</summary>
        public static async Task<int> BenchmarkAsync(string manifest, string store, int users, int agents)
        {
            await using var emulator = await GraphEmulator.StartAsync(new EmulatorOptions { UserCount = users });
            var c = emulator.Connection;
            Console.WriteLine($"Benchmark: Graph emulator with {users} Teams users, {agents} agents, presence budget 1,500 requests per 30 s");
            var variables = Connection(c, store);
            variables["BenchmarkAgents"] = agents;
            return await Task.Run(() => ScriptRunner.Run(manifest, Path.Combine(AppContext.BaseDirectory, "Scripts", "benchmark.ps1"), variables));
        }

        private static Dictionary<string, object?> Connection(EmulatorConnection c, string store) => new Dictionary<string, object?>
        {
            ["PresenceSyncStorePath"] = store,
            ["TenantId"] = c.TenantId,
            ["ClientId"] = c.ClientId,
            ["ClientSecret"] = c.ClientSecret,
            ["AuthorityHost"] = c.AuthorityHost,
            ["GraphBaseUrl"] = c.GraphBaseUrl,
            ["ServerCertificateThumbprint"] = c.CertificateThumbprint,
        };

        public static async Task<int> RunAsync(string manifest, string store, TimeSpan duration, int users)
        {
            await using var emulator = await GraphEmulator.StartAsync(new EmulatorOptions { UserCount = users });
            var c = emulator.Connection;
            var port = FreePort();
            var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Console.WriteLine($"Graph emulator at {c.GraphBaseUrl} with {users} Teams users; ACD events to http://127.0.0.1:{port}/events");

            using var stop = new CancellationTokenSource();
            var acd = new AcdSimulator(port, secret, Math.Min(200, users / 2));
            var simulating = Task.Run(async () =>
            {
                // Let the script set the tenant up first; then both sides start moving.
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ContinueWith(_ => { });
                if (stop.IsCancellationRequested) return;
                using var control = GraphEmulator.TrustingClient(c.CertificateThumbprint, TimeSpan.FromSeconds(10));
                await control.PostAsJsonAsync(c.ControlUrl + "/simulation/start", new { rate = 3, seed = 11 });
                await Task.WhenAll(acd.RunAsync(5, stop.Token), ReportProgressAsync(emulator, acd, stop.Token));
            });

            var variables = Connection(c, store);
            variables["EventPort"] = port;
            variables["EventSecret"] = secret;
            variables["SyncDuration"] = duration;
            var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "quickstart.ps1");
            var code = await Task.Run(() => ScriptRunner.Run(manifest, script, variables));
            stop.Cancel();
            await simulating;
            Console.WriteLine($"The simulated ACD posted {acd.Sent} signed events.");
            return code;
        }

        /// <summary>
        /// While Start-PresenceSync runs (it prints nothing of its own until it ends), a line every
        /// 10 seconds says that the sync is working: events the ACD posted, writes Teams applied.
        /// </summary>
        private static async Task ReportProgressAsync(GraphEmulator emulator, AcdSimulator acd, CancellationToken ct)
        {
            var started = DateTime.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(10), ct); } catch (OperationCanceledException) { return; }
                var writes = emulator.State.Writes.Since(0, 1).Last;
                Console.WriteLine($"  ... {(DateTime.UtcNow - started).TotalSeconds:0} s: the simulated ACD posted {acd.Sent} events, Teams applied {writes} presence writes");
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
