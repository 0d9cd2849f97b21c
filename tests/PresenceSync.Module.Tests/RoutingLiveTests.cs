using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Issue 10 acceptance, while Start-PresenceSync runs: an ACD asks the endpoint for decisions
    /// with signed GETs, and the webhook receives each flip of routability once, in order, signed;
    /// the pipeline gets the same flips, once, in the same order.
    /// </summary>
    [Collection("Loopback ports")]
    public class RoutingLiveTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string Secret = "acd-shared-secret";
        private const string EventSecret = "-EventSecret ([System.Net.NetworkCredential]::new('', 'acd-shared-secret').SecurePassword)";
        private const string Webhook = "-AcdWebhookUrl $Hook -AcdWebhookSecret ([System.Net.NetworkCredential]::new('', 'hook-secret').SecurePassword)";
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public RoutingLiveTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(4);
            Run(SyncFixture.Setup(_block, 4, SyncFixture.StandardRule)).ThrowOnError();
            Run("New-PresenceRoutingPolicy -Name Nimbus -Row 'Busy/InACall => DoNotRoute', 'Busy/InAConferenceCall => DoNotRoute', 'Available => Route', 'Busy => Route' " +
                "-AcdContactState Inbound, Outbound; New-PresenceRoutingService Hotline Nimbus; 1..4 | ForEach-Object { Add-PresenceRoutingAssignment Hotline -AgentId \"S$_\" } | Out-Null").ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private Task Device(int agent, string availability, string activity) =>
            _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, agent)}/devices/desktop", new { availability, activity });

        [Fact]
        public async Task An_ACD_gets_decisions_by_signed_GET_and_the_webhook_each_flip_once_in_order()
        {
            await Device(1, "Available", "Available");
            await Device(2, "Available", "Available");
            await Device(3, "Away", "Away");
            await Device(4, "Available", "Available");
            var (hook, hookPort) = StartListener();
            using var _ = hook;
            var received = new ConcurrentQueue<(string Body, string? Signature, string? Timestamp)>();
            var serving = Task.Run(async () =>
            {
                while (hook.IsListening)
                {
                    HttpListenerContext http;
                    try { http = await hook.GetContextAsync(); } catch { return; }
                    using var reader = new System.IO.StreamReader(http.Request.InputStream);
                    received.Enqueue((await reader.ReadToEndAsync(), http.Request.Headers["X-PresenceSync-Signature"], http.Request.Headers["X-PresenceSync-Timestamp"]));
                    http.Response.StatusCode = 200;
                    http.Response.Close();
                }
            });
            var port = FreePort();
            var variables = _tenant.Variables;
            variables["Hook"] = $"http://127.0.0.1:{hookPort}/acd";
            var piped = new ConcurrentQueue<string>();
            variables["Piped"] = piped;
            using var background = new PowerShellSession(Ps.StorePath);
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", variables).ThrowOnError();
            // What goes down the pipeline, as a script that follows the changes would take it.
            using var sync = background.Begin($"Start-PresenceSync -PollInterval 00:00:01 -CoalescingWindow 00:00:00 -EventPort {port} {EventSecret} {Webhook} | " +
                "Where-Object { $_.GetType().Name -eq 'PresenceRoutingChange' } | " +
                "ForEach-Object { $Piped.Enqueue(('{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $_.Sequence, $_.BusinessUnit, $_.Service, $_.AgentId, $_.Routable, $_.PreviousDecision, $_.DecidedBy)) }", variables);
            using var http = new HttpClient();
            try
            {
                await Poll.Until(async () => (await Get(http, port, "/routing/Hotline/routable")).Status == 200, TimeSpan.FromSeconds(60), "the endpoint to answer");
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1,S2,S4", TimeSpan.FromSeconds(30), "the first Teams read to decide");

                var one = await Get(http, port, "/routing/Hotline/agents/S3");
                Assert.Equal(200, one.Status);
                Assert.False((bool)one.Json!["routable"]!);
                Assert.Equal("Default", (string?)one.Json["decidedBy"]);
                Assert.Equal("Away", (string?)one.Json["teamsAvailability"]);
                await Task.Delay(2500); // unchanged states age only from the last complete read (every second here)
                Assert.True((double)(await Get(http, port, "/routing/Hotline/agents/S3")).Json!["teamsAgeSeconds"]! < 2.5, "the age counts from the last read");
                Assert.Equal(4, ((JsonArray)(await Get(http, port, "/routing/Hotline")).Json!["decisions"]!).Count);

                Assert.Equal(401, (await Get(http, port, "/routing/Hotline/routable", "wrong-secret")).Status);
                Assert.Equal(404, (await Get(http, port, "/routing/Nowhere/routable")).Status);
                Assert.Equal(404, (await Get(http, port, "/routing/Hotline/agents/Nobody")).Status);
                Assert.Equal(400, (await Get(http, port, "/routing")).Status);
                Assert.Equal(400, (await Get(http, port, "/routing/Hotline?team=x")).Status);

                // Flip 1: S2 takes a Teams call. Flip 2: the ACD puts S4 in an inbound call. Flip 3: S2's call ends.
                await Device(2, "Busy", "InACall");
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1,S4", TimeSpan.FromSeconds(20), "S2's call to flip it");
                Assert.Equal(202, (int)(await Post(http, port, "{\"agentId\":\"S4\",\"state\":\"Inbound\",\"callType\":\"Inbound\"}")).StatusCode);
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1", TimeSpan.FromSeconds(20), "S4's ACD call to flip it");
                Assert.Equal("AcdContact", (string?)(await Get(http, port, "/routing/Hotline/agents/S4")).Json!["decidedBy"]);
                await Device(2, "Available", "Available");
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1,S2", TimeSpan.FromSeconds(20), "S2's call end to flip it back");
                await Poll.Until(() => received.Count(r => r.Body.Contains("\"kind\":\"routing\"")) >= 3, TimeSpan.FromSeconds(20), "the webhook to get the flips");
                await Poll.Until(() => piped.Count >= 3, TimeSpan.FromSeconds(20), "the pipeline to get the flips");
                await Task.Delay(1500); // a repeat would come within the next reads
            }
            finally
            {
                sync.Stop();
                hook.Stop();
                await serving;
            }

            var flips = received.Where(r => r.Body.Contains("\"kind\":\"routing\"")).ToList();
            Assert.Equal(new[] { "S2:false", "S4:false", "S2:true" }, flips.Select(f => { var j = JsonNode.Parse(f.Body)!; return $"{j["agentId"]}:{j["routable"]}"; }));
            var sequences = flips.Select(f => (long)JsonNode.Parse(f.Body)!["sequence"]!).ToList();
            Assert.Equal(sequences.OrderBy(s => s), sequences);
            Assert.Equal(3, sequences.Distinct().Count());
            foreach (var (body, signature, timestamp) in flips)
            {
                using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("hook-secret"));
                Assert.Equal("sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant(), signature);
            }
            // The pipeline got the same flips, once each, in the same order and with the same sequence numbers.
            var pipe = piped.Select(p => p.Split('|')).ToList();
            Assert.Equal(new[] { "S2:False:Route", "S4:False:Route", "S2:True:DoNotRoute" }, pipe.Select(p => $"{p[3]}:{p[4]}:{p[5]}"));
            Assert.All(pipe, p => Assert.Equal(("Default", "Hotline"), (p[1], p[2])));
            Assert.Equal(sequences, pipe.Select(p => long.Parse(p[0])));
            Assert.Equal("AcdContact", pipe[1][6]);
            var errors = Enumerable.Range(0, sync.Streams.Error.Count).Select(i => sync.Streams.Error[i].ToString()).ToList();
            Assert.Empty(errors);
        }

        [Fact]
        public async Task With_Teams_reads_failing_a_running_sync_follows_the_fallback_says_so_and_announces_the_flip()
        {
            Run("Set-PresenceRoutingPolicy Nimbus -WhenStale Fallback").ThrowOnError();
            await Device(1, "Available", "Available");
            await Device(2, "Available", "Available");
            await _tenant.Control(HttpMethod.Put, $"/users/{SyncFixture.Upn(_block, 2)}/preferred", new { availability = "Busy", activity = "Busy" });
            await Device(3, "Away", "Away");
            await Device(4, "Away", "Away");
            var port = FreePort();
            using var background = new PowerShellSession(Ps.StorePath);
            background.Run("Set-PresenceSyncApp -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword)", _tenant.Variables).ThrowOnError();
            using var sync = background.Begin($"Start-PresenceSync -PollInterval 00:00:01 -EventPort {port} {EventSecret}", _tenant.Variables);
            using var http = new HttpClient();
            try
            {
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1,S2", TimeSpan.FromSeconds(60), "the first Teams read to decide");
                await _tenant.Control(HttpMethod.Post, "/faults", new { kind = "serverError", pathContains = "getPresencesByUserId", status = 403 });
                // The manual Busy agent is held back by the conservative fallback; the plainly Available one is still offered calls.
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1", TimeSpan.FromSeconds(30), "the fallback to apply");
                var s2 = (await Get(http, port, "/routing/Hotline/agents/S2")).Json!;
                Assert.True((bool)s2["stale"]!);
                Assert.Equal("Fallback", (string?)s2["staleHandling"]);
                Assert.StartsWith("Stale: Teams reads are failing", (string?)s2["reason"]);
                Assert.True((bool)(await Get(http, port, "/routing/Hotline/agents/S1")).Json!["stale"]!);

                await _tenant.Control(HttpMethod.Delete, "/faults");
                await Poll.Until(async () => Routable(await Get(http, port, "/routing/Hotline/routable")) == "S1,S2", TimeSpan.FromSeconds(30), "reads to recover");
                Assert.False((bool)(await Get(http, port, "/routing/Hotline/agents/S2")).Json!["stale"]!);
            }
            finally
            {
                await _tenant.Control(HttpMethod.Delete, "/faults");
                sync.Stop();
            }
        }

        private static string Routable((int Status, JsonObject? Json) answer) =>
            answer.Json?["routable"] is JsonArray a ? string.Join(",", a.Select(x => (string?)x)) : $"HTTP {answer.Status}";

        private static async Task<(int Status, JsonObject? Json)> Get(HttpClient http, int port, string target, string secret = Secret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{target}");
            using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
            request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + target))).ToLowerInvariant());
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                return ((int)response.StatusCode, text.StartsWith("{") ? JsonNode.Parse(text) as JsonObject : null);
            }
            catch (HttpRequestException)
            {
                return (0, null); // the endpoint may still be starting
            }
        }

        private static async Task<HttpResponseMessage> Post(HttpClient http, int port, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/events") { Content = new ByteArrayContent(bytes) };
            using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
            request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes(timestamp + ".").Concat(bytes).ToArray())).ToLowerInvariant());
            return await http.SendAsync(request);
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        private static (HttpListener Listener, int Port) StartListener()
        {
            for (var attempt = 1; ; attempt++)
            {
                var number = FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{number}/");
                try
                {
                    listener.Start();
                    return (listener, number);
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }
        }
    }
}
