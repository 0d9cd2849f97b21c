using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Issue 14's figures against the running sync: accepted events per second (single and batched
    /// posts), its working set while an unsigned 200 MB POST is refused, and the delay of a signed
    /// event while 300 connections trickle header bytes (from 127.0.0.2-4, so the per-client limit
    /// of the driver's own address is not what is measured).
    /// </summary>
    internal sealed class EndpointProbes
    {
        private readonly Report _report;
        private readonly EventPoster _poster;
        private readonly SyncProcess _sync;
        private readonly int _port;
        private readonly IReadOnlyList<string> _agents;

        public EndpointProbes(Report report, EventPoster poster, SyncProcess sync, int port, IReadOnlyList<string> agents)
        {
            _report = report;
            _poster = poster;
            _sync = sync;
            _port = port;
            _agents = agents;
        }

        public async Task RunAsync()
        {
            var single = await AcceptedPerSecondAsync(1, 8, TimeSpan.FromSeconds(10));
            var batched = await AcceptedPerSecondAsync(100, 4, TimeSpan.FromSeconds(10));
            _report.Line($"  endpoint: accepted events/s, single-event posts (8 clients) {single,8:N0}; batched (100 per post, 4 clients) {batched:N0}");
            await OversizedAsync();
            await TrickleAsync();
        }

        private async Task<double> AcceptedPerSecondAsync(int perPost, int clients, TimeSpan duration)
        {
            long accepted = 0;
            var until = DateTime.UtcNow + duration;
            var watch = Stopwatch.StartNew();
            var random = new Random(perPost);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var n = c * 7919;
                while (DateTime.UtcNow < until)
                {
                    var events = Enumerable.Range(0, perPost).Select(_ => EventPoster.Json(_agents[n++ % _agents.Count], n % 2 == 0 ? "Inbound" : "Available", null, DateTimeOffset.UtcNow));
                    var body = perPost == 1 ? events.First() : "[" + string.Join(",", events) + "]";
                    if (await _poster.PostAsync(body) == 202) Interlocked.Add(ref accepted, perPost);
                }
            })));
            return accepted / watch.Elapsed.TotalSeconds;
        }

        private async Task OversizedAsync()
        {
            var before = _sync.WorkingSetMb;
            var peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested) { peak = Math.Max(peak, _sync.WorkingSetMb); await Task.Delay(50); }
            });
            long sent = 0;
            string answer = "none";
            var watch = Stopwatch.StartNew();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                using var stream = client.GetStream();
                const long size = 200L * 1024 * 1024;
                var head = Encoding.ASCII.GetBytes($"POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n");
                await stream.WriteAsync(head);
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)' ');
                var reading = ReadAnswerAsync(stream);
                while (sent < size && !reading.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await stream.WriteAsync(chunk);
                    sent += chunk.Length;
                }
                answer = await Task.WhenAny(reading, Task.Delay(5000)) == reading ? await reading : "no answer";
            }
            catch (Exception e) when (e is System.IO.IOException || e is SocketException)
            {
                answer = answer == "none" ? "connection closed by the sync" : answer;
            }
            var during = peak;
            await Task.Delay(3000);
            sampling.Cancel();
            await sampler;
            _report.Line($"  unsigned 200 MB POST: answer '{answer}' after {sent / 1048576.0:N0} MB sent in {watch.Elapsed.TotalSeconds:N1} s; " +
                $"sync working set before {before:N0} MB, peak during {during:N0} MB, after {_sync.WorkingSetMb:N0} MB");
        }

        private static async Task<string> ReadAnswerAsync(NetworkStream stream)
        {
            var buffer = new byte[512];
            try
            {
                var n = await stream.ReadAsync(buffer);
                return n == 0 ? "connection closed by the sync" : Encoding.ASCII.GetString(buffer, 0, n).Split('\r')[0];
            }
            catch (Exception e) when (e is System.IO.IOException || e is SocketException) { return "connection reset by the sync"; }
        }

        private async Task TrickleAsync()
        {
            var baseline = await SignedDelaysAsync(5);
            var sockets = new List<Socket>();
            using var stop = new CancellationTokenSource();
            var closedBySync = 0;
            for (var i = 0; i < 300; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    s.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{2 + i % 3}"), 0));
                    await s.ConnectAsync(IPAddress.Loopback, _port);
                    sockets.Add(s);
                }
                catch (SocketException) { s.Dispose(); }
            }
            var trickling = Task.WhenAll(sockets.Select(s => Task.Run(async () =>
            {
                var text = Encoding.ASCII.GetBytes("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
                for (var i = 0; i < text.Length && !stop.IsCancellationRequested; i++)
                {
                    try { await s.SendAsync(new ArraySegment<byte>(text, i, 1), SocketFlags.None); }
                    catch (SocketException) { Interlocked.Increment(ref closedBySync); return; }
                    try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { return; }
                }
            })));
            await Task.Delay(2000);
            var during = await SignedDelaysAsync(5);
            await Task.Delay(8000); // past the header deadline
            stop.Cancel();
            await trickling;
            foreach (var s in sockets) s.Dispose();
            _report.Line($"  signed event answered in: alone max {baseline.Max():N0} ms; while {sockets.Count} connections trickle bytes max {during.Max():N0} ms " +
                $"(median {during.OrderBy(d => d).ElementAt(during.Count / 2):N0} ms); {closedBySync} trickling connections closed by the sync within 10 s");
        }

        private async Task<List<double>> SignedDelaysAsync(int count)
        {
            var delays = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                var status = await _poster.PostAsync(EventPoster.Json(_agents[i], "Available", null, DateTimeOffset.UtcNow));
                delays.Add(status == 0 ? double.NaN : watch.Elapsed.TotalMilliseconds);
            }
            return delays;
        }
    }
}
