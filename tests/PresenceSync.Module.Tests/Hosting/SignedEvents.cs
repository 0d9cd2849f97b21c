using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Posts ACD events to a sync's endpoint signed as an ACD does (HMAC-SHA256 over "timestamp." and the body).</summary>
    public static class SignedEvents
    {
        public const string Secret = "acd-shared-secret";
        public const string SecretParameter = "-EventSecret ([System.Net.NetworkCredential]::new('', 'acd-shared-secret').SecurePassword)";

        /// <summary>Posts the body, retrying while the endpoint is still starting (connection refused).</summary>
        public static async Task<HttpResponseMessage> Post(HttpClient http, int port, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/events") { Content = new ByteArrayContent(bytes) };
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
                using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
                request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
                request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes(timestamp + ".").Concat(bytes).ToArray())).ToLowerInvariant());
                try { return await http.SendAsync(request); }
                catch (HttpRequestException) when (attempt < 50) { await Task.Delay(200); }
            }
        }
    }
}
