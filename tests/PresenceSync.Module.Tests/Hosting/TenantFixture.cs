using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Emulator;
using Xunit;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// A Graph emulator with a 5,000-user directory, shared by the tests of one class. The module
    /// talks to it only through the Graph SDK and Azure.Identity; tests use the control API
    /// (not Graph) to count requests, inject faults and approve device codes.
    /// </summary>
    public class TenantFixture : IAsyncLifetime
    {
        public GraphEmulator Emulator { get; private set; } = null!;
        public EmulatorConnection Connection => Emulator.Connection;

        protected virtual int UserCount => 5000;

        /// <summary>Changes the emulator's options before it starts (a fixture of its own for unusual tenants).</summary>
        protected virtual void Configure(EmulatorOptions options) { }

        /// <summary>Further tenants the same emulator hosts (each its own directory, apps and budget); none by default.</summary>
        protected virtual IEnumerable<TenantOptions> AdditionalTenants => Array.Empty<TenantOptions>();

        private HttpClient _control = null!;

        public async Task InitializeAsync()
        {
            var options = new EmulatorOptions { UserCount = UserCount, DeviceCodeIntervalSeconds = 1 };
            options.AdditionalTenants.AddRange(AdditionalTenants);
            Configure(options);
            Emulator = await GraphEmulator.StartAsync(options);
            _control = GraphEmulator.TrustingClient(Connection.CertificateThumbprint, TimeSpan.FromSeconds(30));
        }

        /// <summary>Variables a script needs to connect: $TenantId, $ClientId, $Secret, $Authority, $GraphUrl, $Pin.</summary>
        public IDictionary<string, object?> Variables => new Dictionary<string, object?>
        {
            ["TenantId"] = Connection.TenantId,
            ["ClientId"] = Connection.ClientId,
            ["Secret"] = Connection.ClientSecret,
            ["Authority"] = Connection.AuthorityHost,
            ["GraphUrl"] = Connection.GraphBaseUrl,
            ["Pin"] = Connection.CertificateThumbprint,
        };

        public const string Endpoint = "-AuthorityHost $Authority -GraphBaseUrl $GraphUrl -ServerCertificateThumbprint $Pin";

        public const string Connect =
            "New-PresenceSyncApp -TenantId $TenantId -ClientId $ClientId -ClientSecret ([System.Net.NetworkCredential]::new('', $Secret).SecurePassword) " + Endpoint;

        public Task<JsonObject> Control(HttpMethod method, string path, object? body = null) => Control(Connection, method, path, body);

        /// <summary>The control API of one tenant (its connection from <see cref="GraphEmulator.Tenants"/>).</summary>
        public async Task<JsonObject> Control(EmulatorConnection tenant, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, tenant.ControlUrl + path);
            if (body != null) request.Content = JsonContent.Create(body);
            using var response = await _control.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(text) };
        }

        public async Task<long> Requests(string endpoint)
        {
            var stats = await Control(HttpMethod.Get, "/stats");
            return (long?)stats["byEndpoint"]?[endpoint] ?? 0;
        }

        /// <summary>
        /// The statistics once they show what the test is about to check (real time, bounded). The
        /// emulator counts a request when its pipeline ends, just after the answer was written: a
        /// command that already has its answer may return before that request is counted.
        /// </summary>
        public async Task<JsonObject> Stats(Func<JsonObject, bool> settled, int timeoutMs = 10_000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                var stats = await Control(HttpMethod.Get, "/stats");
                if (settled(stats) || DateTime.UtcNow > deadline) return stats;
                await Task.Delay(20);
            }
        }

        /// <summary>The count for an endpoint once it has reached atLeast (bounded), so that an exact assertion on it still sees any extra request.</summary>
        public async Task<long> Requests(string endpoint, long atLeast) =>
            (long?)(await Stats(s => ((long?)s["byEndpoint"]?[endpoint] ?? 0) >= atLeast))["byEndpoint"]?[endpoint] ?? 0;

        /// <summary>
        /// The admin "signs in" in a browser: approves the first device code that comes within the
        /// timeout through the control API, as user0001 would. Start it before the command that signs in.
        /// </summary>
        public Task ApproveNextDeviceCode(TimeSpan? timeout = null) => Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
            while (DateTime.UtcNow < deadline)
            {
                var pending = (await Control(HttpMethod.Get, "/devicecodes"))["value"] as JsonArray;
                var code = pending?.FirstOrDefault()?["userCode"]?.ToString();
                if (code != null)
                {
                    await Control(HttpMethod.Post, "/devicecodes/approve", new { userCode = code, user = "user0001@contoso.test" });
                    return;
                }
                await Task.Delay(200);
            }
        });

        /// <summary>The presence sessions the emulator holds for a user, as "app:&lt;client id&gt;" and "device:..." keys.</summary>
        public async Task<List<string>> Sessions(string upn) =>
            ((JsonArray)(await Control(HttpMethod.Get, $"/users/{upn}/presence"))["sessions"]!).Select(x => (string)x!["key"]!).ToList();

        public async Task DisposeAsync()
        {
            _control.Dispose();
            await Emulator.DisposeAsync();
        }
    }
}
