using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Asks the sync's routing GET queries as an ACD does: signed over "timestamp." + path and query,
    /// one keep-alive connection. The time measured is request sent to answer read, at the client.
    /// </summary>
    internal sealed class RoutingQueryClient : IDisposable
    {
        private readonly HttpClient _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { Timeout = TimeSpan.FromSeconds(60) };
        private readonly HMACSHA256 _hmac;
        private readonly int _port;

        public RoutingQueryClient(int port, string secret)
        {
            _port = port;
            _hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        }

        public async Task<(int Status, int Bytes, double Ms, string Body)> GetAsync(string target, bool keepBody = false)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}{target}");
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
            request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(_hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + target))).ToLowerInvariant());
            var watch = Stopwatch.StartNew();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            watch.Stop();
            return ((int)response.StatusCode, bytes.Length, watch.Elapsed.TotalMilliseconds, keepBody ? Encoding.UTF8.GetString(bytes) : string.Empty);
        }

        public void Dispose()
        {
            _http.Dispose();
            _hmac.Dispose();
        }
    }
}
