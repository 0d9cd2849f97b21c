using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The event endpoint over HTTPS with the admin's certificate, and what held before the endpoint
    /// was rewritten and must keep holding: bad bodies refused 400 with the sync going on, 500
    /// concurrent connections, a 20,000-event batch, and no secret in any output or store file.
    /// </summary>
    [Collection("Loopback ports")]
    public class EventEndpointHeldTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
        private readonly SyncFixture _tenant;
        private readonly ITestOutputHelper _log;
        private readonly int _block;
        private readonly int _port = SignedEvents.FreePort();

        public EventEndpointHeldTests(SyncFixture tenant, ITestOutputHelper log)
        {
            _tenant = tenant;
            _log = log;
            _block = tenant.TakeBlock(20);
            Run(SyncFixture.Setup(_block, 20, SyncFixture.StandardRule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<string> Shown(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return $"{p["availability"]}/{p["activity"]}";
        }

        private async Task<BackgroundSync> StartSync(HttpClient http, string scheme = "http", X509Certificate2? certificate = null)
        {
            var variables = _tenant.Variables;
            variables["EventCertificate"] = certificate;
            var sync = await BackgroundSync.StartAsync(Ps, variables, $"-PollInterval 00:00:05 -CoalescingWindow 00:00:00.2 -EventPort {_port} {SignedEvents.EventSecret}" +
                (certificate != null ? " -EventCertificate $EventCertificate" : ""));
            await SignedEvents.WaitUntilListening(http, $"{scheme}://127.0.0.1:{_port}/events");
            return sync;
        }

        /// <summary>A self-signed certificate for 127.0.0.1 with its private key, as an admin would make with New-SelfSignedCertificate or openssl.</summary>
        private static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=presencesync-events", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            // Through PFX, as a certificate loaded from a file comes (an ephemeral key does not serve TLS everywhere).
            return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        }

        [Fact]
        public async Task With_the_admins_certificate_the_endpoint_speaks_HTTPS_and_refuses_plain_HTTP()
        {
            using var certificate = SelfSigned();
            using var handler = new HttpClientHandler
            {
                // The ACD trusts this one certificate (pinned), as it would after the admin handed it over.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            using var sync = await StartSync(https, "https", certificate);

            using var accepted = await SignedEvents.Post(https, $"https://127.0.0.1:{_port}/events", "{\"agentId\":\"S1\",\"state\":\"Inbound\"}");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            await Poll.Until(async () => await Shown(1) == "Busy/InACall", Deadline, "the HTTPS event in Teams");

            using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            await Assert.ThrowsAsync<HttpRequestException>(() => SignedEvents.Post(plain, $"http://127.0.0.1:{_port}/events", "{\"agentId\":\"S1\",\"state\":\"Available\"}"));
            // A client that does not trust the certificate gets no answer either.
            using var untrusting = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            await Assert.ThrowsAsync<HttpRequestException>(() => SignedEvents.Post(untrusting, $"https://127.0.0.1:{_port}/events", "{\"agentId\":\"S1\",\"state\":\"Available\"}"));
            Assert.Equal("Busy/InACall", await Shown(1));
            var detail = Run("(Get-PresenceSyncStatus).Sources | Where-Object Source -eq Http | ForEach-Object Detail").Output.Select(o => o.ToString()).FirstOrDefault();
            Assert.Contains("https://", detail);
            Assert.True(sync.Running, sync.Said);
        }

        [Fact]
        public async Task Bad_bodies_are_refused_400_and_concurrent_connections_and_a_large_batch_are_served_with_no_secret_anywhere()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            using var sync = await StartSync(http);
            var url = $"http://127.0.0.1:{_port}/events";
            var deep = new string('[', 5000) + new string(']', 5000);
            var bodies = new (string What, byte[] Body)[]
            {
                ("malformed JSON", Encoding.UTF8.GetBytes("{\"agentId\":\"S2\",")),
                ("deep nesting", Encoding.UTF8.GetBytes(deep)),
                ("invalid UTF-8", new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' }),
                ("a JSON number", Encoding.UTF8.GetBytes("42")),
            };
            foreach (var (what, body) in bodies)
            {
                using var request = SignedEvents.Request(url, body);
                using var refused = await http.SendAsync(request);
                Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)refused.StatusCode}");
                var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
                Assert.Equal("MalformedEvent", (string?)error["error"]?["code"]);
            }
            Assert.True(sync.Running, sync.Said);

            // 500 connections at once, each with its own signed event: every one is served.
            var watch = Stopwatch.StartNew();
            var statuses = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
            {
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(120) }; // one connection each
                using var response = await SignedEvents.Post(client, url, $"{{\"agentId\":\"S{2 + i % 10}\",\"state\":\"{(i % 2 == 0 ? "Idle" : "Available")}\",\"eventId\":\"c{i}\"}}");
                return (int)response.StatusCode;
            }));
            _log.WriteLine($"500 concurrent connections served in {watch.ElapsedMilliseconds} ms: " +
                string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}")));
            Assert.All(statuses, s => Assert.Equal(202, s));

            // 20,000 events in one POST (about 1 MB, within the 16 MB limit).
            var events = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"agentId\":\"S{12 + i % 8}\",\"state\":\"{(i % 3 == 0 ? "Inbound" : "Available")}\"}}"));
            watch.Restart();
            using var batch = await SignedEvents.Post(http, url, "[" + events + "," + "{\"agentId\":\"S12\",\"state\":\"Conference\"}]");
            Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
            var results = (JsonArray)JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["results"]!;
            _log.WriteLine($"20,001 events in one POST answered in {watch.ElapsedMilliseconds} ms");
            Assert.Equal(20_001, results.Count);
            Assert.All(results, r => Assert.NotEqual("Refused", (string?)r!["status"]));
            await Poll.Until(async () => await Shown(12) == "Busy/InAConferenceCall", Deadline, "the newest event of the batch in Teams");
            Assert.True(sync.Running, sync.Said);

            // No secret in anything the sync said, showed or stored.
            var shown = string.Join("\n", new[] { "Get-PresenceSyncStatus | Format-List * | Out-String", "Get-PresenceSyncHistory | Format-List * | Out-String",
                "Get-PresenceSyncApp | Format-List * | Out-String", "(Get-PresenceSyncStatus).Sources | Format-List * | Out-String" }
                .SelectMany(c => Run(c).Output.Select(o => o.ToString())));
            var said = sync.Said;
            sync.Dispose(); // the store's files as a stopped sync leaves them
            var stored = Directory.GetFiles(Path.GetDirectoryName(Ps.StorePath)!).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)));
            foreach (var secret in new[] { _tenant.Connection.ClientSecret, SignedEvents.Secret })
            {
                Assert.DoesNotContain(secret, said);
                Assert.DoesNotContain(secret, shown);
                Assert.All(stored, text => Assert.DoesNotContain(secret, text));
            }
        }
    }
}
