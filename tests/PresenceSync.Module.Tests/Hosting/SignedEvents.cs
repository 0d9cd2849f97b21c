using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>What an ACD does to post events: HMAC-SHA256 over "timestamp.body" with the shared secret.</summary>
    public static class SignedEvents
    {
        public const string Secret = "acd-shared-secret";
        public const string EventSecret = "-EventSecret ([System.Net.NetworkCredential]::new('', 'acd-shared-secret').SecurePassword)";
        public const string SecretParameter = EventSecret;

        public static string Timestamp(DateTimeOffset? at = null) => (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString();

        public static string Sign(string secret, string timestamp, byte[] body)
        {
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
            return "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray())).ToLowerInvariant();
        }

        public static HttpRequestMessage Request(string url, byte[] body, string? secret = Secret, string? timestamp = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (secret != null)
            {
                timestamp ??= Timestamp();
                request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
                request.Headers.Add("X-PresenceSync-Signature", Sign(secret, timestamp, body));
            }
            return request;
        }

        /// <summary>Posts the body to http://127.0.0.1:PORT/events, retrying while the endpoint is still starting (connection refused).</summary>
        public static async Task<HttpResponseMessage> Post(HttpClient http, int port, string body)
        {
            for (var attempt = 1; ; attempt++)
            {
                try { return await Post(http, $"http://127.0.0.1:{port}/events", body); }
                catch (HttpRequestException) when (attempt < 50) { await Task.Delay(200); }
            }
        }

        public static async Task<HttpResponseMessage> Post(HttpClient http, string url, string body, string? secret = Secret)
        {
            using var request = Request(url, Encoding.UTF8.GetBytes(body), secret);
            return await http.SendAsync(request);
        }

        /// <summary>Waits until the endpoint answers at all (any status): it listens once the first reconcile is under way.</summary>
        public static Task WaitUntilListening(HttpClient http, string url) => Poll.Until(async () =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await http.SendAsync(request);
                return true;
            }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(30), "the event endpoint to listen");

        public static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
