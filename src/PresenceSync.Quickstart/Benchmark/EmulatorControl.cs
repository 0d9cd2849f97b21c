using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Emulator;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>The emulator's control API as the benchmark needs it: its write log, statistics and device-code approval.</summary>
    internal sealed class EmulatorControl : IDisposable
    {
        private readonly HttpClient _http;

        public EmulatorControl(EmulatorConnection first) =>
            _http = GraphEmulator.TrustingClient(first.CertificateThumbprint, TimeSpan.FromSeconds(120));

        public async Task<JsonObject> GetAsync(EmulatorConnection tenant, string path) =>
            (JsonObject)JsonNode.Parse(await _http.GetStringAsync(tenant.ControlUrl + path).ConfigureAwait(false))!;

        public async Task<JsonNode> GetNodeAsync(EmulatorConnection tenant, string path) =>
            JsonNode.Parse(await _http.GetStringAsync(tenant.ControlUrl + path).ConfigureAwait(false))!;

        public async Task PostAsync(EmulatorConnection tenant, string path, object body) =>
            (await _http.PostAsJsonAsync(tenant.ControlUrl + path, body).ConfigureAwait(false)).EnsureSuccessStatusCode();

        public async Task PutAsync(EmulatorConnection tenant, string path, object body) =>
            (await _http.PutAsJsonAsync(tenant.ControlUrl + path, body).ConfigureAwait(false)).EnsureSuccessStatusCode();

        public async Task<long> LastWriteAsync(EmulatorConnection tenant) => (long)(await GetAsync(tenant, "/writes?since=0&limit=1").ConfigureAwait(false))["last"]!;

        /// <summary>Every write after the sequence number, paged.</summary>
        public async Task<List<AppliedWrite>> WritesSinceAsync(EmulatorConnection tenant, long since)
        {
            var all = new List<AppliedWrite>();
            while (true)
            {
                var page = await GetAsync(tenant, $"/writes?since={since}&limit=10000").ConfigureAwait(false);
                var values = page["value"]!.AsArray();
                if (values.Count == 0) return all;
                foreach (var v in values)
                {
                    all.Add(new AppliedWrite((long)v!["sequence"]!, DateTimeOffset.Parse((string)v["appliedAt"]!, CultureInfo.InvariantCulture),
                        ((string)v["userId"]!).ToLowerInvariant(), (string)v["appId"]!, (string)v["operation"]!, (int)v["status"]!, (string?)v["activity"]));
                }
                since = (long)page["next"]!;
            }
        }

        /// <summary>UPN (lower case) to user id (lower case) of a tenant's directory.</summary>
        public async Task<Dictionary<string, string>> UserIdsAsync(EmulatorConnection tenant)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var u in (await GetNodeAsync(tenant, "/users").ConfigureAwait(false)).AsArray())
                map[(string)u!["userPrincipalName"]!] = ((string)u["id"]!).ToLowerInvariant();
            return map;
        }

        /// <summary>Approves the next device code of the tenant as user0001 would in a browser (for registering further apps).</summary>
        public Task ApproveNextDeviceCodeAsync(EmulatorConnection tenant) => Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline)
            {
                var pending = (await GetNodeAsync(tenant, "/devicecodes").ConfigureAwait(false)).AsArray();
                if (pending.Count > 0)
                {
                    await PostAsync(tenant, "/devicecodes/approve", new { userCode = (string)pending[0]!["userCode"]!, user = "user0001@" + tenant.DomainName }).ConfigureAwait(false);
                    return;
                }
                await Task.Delay(300).ConfigureAwait(false);
            }
            throw new TimeoutException("No device code to approve within 120 s.");
        });

        public void Dispose() => _http.Dispose();
    }
}
