using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The event endpoint of a running Start-PresenceSync as a hostile client meets it: oversized
    /// unsigned bodies, connections that send headers and no body or trickle bytes, replayed and
    /// stale signed requests, a flood of forged requests, and batches with some bad events.
    /// </summary>
    [Collection("Loopback ports")]
    public class EventEndpointLimitsTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;
        private readonly int _block;
        private readonly int _port = SignedEvents.FreePort();

        public EventEndpointLimitsTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            _block = tenant.TakeBlock(10);
            Run(SyncFixture.Setup(_block, 10, SyncFixture.StandardRule)).ThrowOnError();
        }

        private string Url => $"http://127.0.0.1:{_port}/events";

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<BackgroundSync> StartSync(HttpClient http)
        {
            var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, $"-PollInterval 00:00:05 -CoalescingWindow 00:00:00.2 -EventPort {_port} {SignedEvents.EventSecret}");
            await SignedEvents.WaitUntilListening(http, Url);
            return sync;
        }

        [Fact]
        public async Task An_unsigned_200_MB_POST_is_refused_413_without_its_body_being_read()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var sync = await StartSync(http);
            var sockets = new List<Socket>();
            try
            {
                // Four at once, each announcing 200 MB and sending 1 KB: the answer comes without the rest.
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < 4; i++)
                {
                    var socket = await RawHttp.Connect(_port);
                    sockets.Add(socket);
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {200 * 1024 * 1024}\r\n\r\n"), SocketFlags.None);
                    await socket.SendAsync(new byte[1024], SocketFlags.None);
                }
                foreach (var socket in sockets)
                {
                    var answer = await RawHttp.ReadUntilClosed(socket, TimeSpan.FromSeconds(20));
                    Assert.NotNull(answer);
                    Assert.StartsWith("HTTP/1.1 413", answer);
                    Assert.Contains("BodyTooLarge", answer);
                }
                _log.WriteLine($"four 200 MB POSTs answered 413 in {watch.ElapsedMilliseconds} ms");

                // HttpClient streaming a body a little over the limit reads its 413 (the endpoint
                // discards the rest for a moment instead of resetting the connection under it).
                using (var over = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StreamContent(new EndlessStream(20L * 1024 * 1024)) })
                {
                    over.Content.Headers.ContentLength = 20L * 1024 * 1024;
                    using var refused = await http.SendAsync(over);
                    Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
                    Assert.Contains("BodyTooLarge", await refused.Content.ReadAsStringAsync());
                }
                // One that streams 200 MB is cut off once 64 MB have been discarded: it may see the 413 or a reset.
                using var huge = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StreamContent(new EndlessStream(200L * 1024 * 1024)) };
                huge.Content.Headers.ContentLength = 200L * 1024 * 1024;
                try
                {
                    using var refused = await http.SendAsync(huge);
                    Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
                    _log.WriteLine("streamed 200 MB POST: 413");
                }
                catch (HttpRequestException ex)
                {
                    _log.WriteLine("streamed 200 MB POST: " + ex.Message);
                }

                using var accepted = await SignedEvents.Post(http, Url, "{\"agentId\":\"S1\",\"state\":\"Inbound\"}");
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                await Poll.Until(async () => await Shown(1) == "Busy/InACall", Deadline, "a signed event after the oversized ones");
                Assert.True(sync.Running, sync.Said);
            }
            finally
            {
                foreach (var s in sockets) s.Dispose();
            }
        }

        [Fact]
        public async Task Slow_connections_are_closed_by_the_deadlines_and_signed_events_are_taken_meanwhile()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var sync = await StartSync(http);
            var headersOnly = new List<Socket>();
            var tricklers = new List<Socket>();
            using var stop = new CancellationTokenSource();
            try
            {
                // 150 that send their headers and never the body, 150 that trickle a header byte every
                // 2 s: 300 from this one address.
                for (var i = 0; i < 150; i++)
                {
                    var s = await RawHttp.Connect(_port);
                    await s.SendAsync(Encoding.ASCII.GetBytes("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"), SocketFlags.None);
                    headersOnly.Add(s);
                    tricklers.Add(await RawHttp.Connect(_port));
                }
                var header = Encoding.ASCII.GetBytes("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                var trickling = Task.Run(async () =>
                {
                    for (var i = 0; i < header.Length && !stop.IsCancellationRequested; i++)
                    {
                        foreach (var s in tricklers)
                        {
                            try { await s.SendAsync(header.AsMemory(i, 1), SocketFlags.None); } catch (SocketException) { }
                        }
                        try { await Task.Delay(2000, stop.Token); } catch (OperationCanceledException) { }
                    }
                });
                await Task.Delay(1000);

                var watch = Stopwatch.StartNew();
                using var accepted = await SignedEvents.Post(http, Url, "{\"agentId\":\"S2\",\"state\":\"Inbound\"}");
                var latency = watch.Elapsed;
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                await Poll.Until(async () => await Shown(2) == "Busy/InACall", Deadline, "the signed event to show while slow connections are open");
                _log.WriteLine($"signed event answered in {latency.TotalMilliseconds:0} ms with 300 slow connections open; in Teams after {watch.ElapsedMilliseconds} ms");

                // The header deadline (5 s) closes the tricklers, the body deadline (30 s) the others.
                var closedTricklers = await Task.WhenAll(tricklers.Select(s => RawHttp.ReadUntilClosed(s, TimeSpan.FromSeconds(20))));
                _log.WriteLine($"tricklers closed after {watch.ElapsedMilliseconds} ms");
                Assert.All(closedTricklers, Assert.NotNull);
                var closedBodies = await Task.WhenAll(headersOnly.Select(s => RawHttp.ReadUntilClosed(s, TimeSpan.FromSeconds(60))));
                _log.WriteLine($"headers-only connections closed after {watch.ElapsedMilliseconds} ms");
                Assert.All(closedBodies, Assert.NotNull);

                using var again = await SignedEvents.Post(http, Url, "{\"agentId\":\"S2\",\"state\":\"Available\"}");
                Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
                Assert.True(sync.Running, sync.Said);
                stop.Cancel();
                await trickling;
            }
            finally
            {
                stop.Cancel();
                foreach (var s in headersOnly.Concat(tricklers)) s.Dispose();
            }
        }

        [Fact]
        public async Task A_replayed_signed_request_is_refused_409_and_a_timestamp_outside_the_tolerance_401()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var sync = await StartSync(http);
            var inbound = Encoding.UTF8.GetBytes("{\"agentId\":\"S3\",\"state\":\"Inbound\"}");
            var timestamp = SignedEvents.Timestamp();
            using (var first = SignedEvents.Request(Url, inbound, timestamp: timestamp))
                Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(first)).StatusCode);
            await Poll.Until(async () => await Shown(3) == "Busy/InACall", Deadline, "the first event");
            using (var available = SignedEvents.Request(Url, Encoding.UTF8.GetBytes("{\"agentId\":\"S3\",\"state\":\"Available\"}")))
                Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(available)).StatusCode);
            await Poll.Until(async () => await Shown(3) != "Busy/InACall", Deadline, "the second event to clear");

            // The captured first request, sent again byte for byte: refused, and Teams stays as it is.
            using (var replay = SignedEvents.Request(Url, inbound, timestamp: timestamp))
            {
                using var refused = await http.SendAsync(replay);
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Contains("ReplayedEventRequest", await refused.Content.ReadAsStringAsync());
            }
            // Signed correctly, but ten minutes old or ahead: outside the 5-minute window.
            foreach (var skew in new[] { -10, 10 })
            {
                using var stale = SignedEvents.Request(Url, inbound, timestamp: SignedEvents.Timestamp(DateTimeOffset.UtcNow.AddMinutes(skew)));
                using var refused = await http.SendAsync(stale);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
                Assert.Equal("InvalidEventSignature", (string?)error["code"]);
                Assert.Contains("minutes from this machine's clock", (string?)error["message"]);
            }
            // Not a number: refused like a missing one.
            using (var garbage = SignedEvents.Request(Url, inbound, timestamp: "yesterday"))
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(garbage)).StatusCode);
            await Task.Delay(1500);
            Assert.NotEqual("Busy/InACall", await Shown(3));
            Assert.True(sync.Running, sync.Said);
        }

        [Fact]
        public async Task A_flood_of_badly_signed_requests_costs_a_few_rows_and_warnings_and_is_counted_in_the_status()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using var sync = await StartSync(http);
            var rowsBefore = Run("Get-PresenceSyncHistory").Output.Count;
            var warningsBefore = sync.Warnings.Count;
            var watch = Stopwatch.StartNew();
            var statuses = new int[2000];
            await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                using var forged = SignedEvents.Request(Url, Encoding.UTF8.GetBytes($"{{\"agentId\":\"S4\",\"state\":\"Inbound\",\"eventId\":\"{i}\"}}"), secret: "not-the-secret");
                using var response = await http.SendAsync(forged, ct);
                statuses[i] = (int)response.StatusCode;
            });
            _log.WriteLine($"2,000 forged requests answered in {watch.ElapsedMilliseconds} ms");
            Assert.All(statuses, s => Assert.Equal(401, s));

            // The status keeps counting them, though they are told of once a minute at most.
            await Poll.Until(() => Run("(Get-PresenceSyncStatus).Sources | Where-Object Source -eq Http | ForEach-Object Detail").Output
                .Any(o => o.ToString()!.Contains("2000 requests refused")), Deadline, "the status to count the forged requests");
            var rows = Run("Get-PresenceSyncHistory").Output.Count - rowsBefore;
            var warnings = sync.Warnings.Count - warningsBefore;
            _log.WriteLine($"store history rows added: {rows}, warnings: {warnings}");
            Assert.InRange(rows, 0, 49);
            Assert.InRange(warnings, 0, 49);
            Assert.NotEqual("Busy/InACall", await Shown(4));

            using var accepted = await SignedEvents.Post(http, Url, "{\"agentId\":\"S4\",\"state\":\"Inbound\"}");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.True(sync.Running, sync.Said);
        }

        [Fact]
        public async Task A_batch_with_one_bad_call_type_gets_a_result_per_event_and_call_type_99_is_refused()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var sync = await StartSync(http);
            using var mixed = await SignedEvents.Post(http, Url,
                "[{\"agentId\":\"S5\",\"state\":\"Inbound\",\"callType\":\"Inbound\"},{\"agentId\":\"S6\",\"state\":\"Inbound\",\"callType\":\"Sideways\"},{\"agentId\":\"S7\",\"state\":\"Conference\"}]");
            Assert.Equal(HttpStatusCode.Accepted, mixed.StatusCode);
            var results = (JsonArray)JsonNode.Parse(await mixed.Content.ReadAsStringAsync())!["results"]!;
            Assert.Equal(new[] { "S5", "S6", "S7" }, results.Select(r => (string)r!["agentId"]!));
            Assert.Equal("Accepted", (string?)results[0]!["status"]);
            Assert.Equal("Refused", (string?)results[1]!["status"]);
            Assert.Equal("MalformedEvent", (string?)results[1]!["errorId"]);
            Assert.Contains("Sideways", (string?)results[1]!["detail"]);
            Assert.Equal("Accepted", (string?)results[2]!["status"]);
            await Poll.Until(async () => await Shown(5) == "Busy/InACall" && await Shown(7) == "Busy/InAConferenceCall", Deadline, "the good events of the batch");

            foreach (var body in new[] { "{\"agentId\":\"S6\",\"state\":\"Inbound\",\"callType\":\"99\"}", "{\"agentId\":\"S6\",\"state\":\"Inbound\",\"callType\":99}" })
            {
                using var refused = await SignedEvents.Post(http, Url, body);
                Assert.Equal((HttpStatusCode)422, refused.StatusCode);
                var result = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["results"]![0]!;
                Assert.Equal("MalformedEvent", (string?)result["errorId"]);
            }
            await Task.Delay(1000);
            Assert.NotEqual("Busy/InACall", await Shown(6));
            Assert.True(sync.Running, sync.Said);
        }
    }
}
