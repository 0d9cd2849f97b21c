using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Simulation
{
    /// <summary>
    /// Plays a contact center: posts signed agent state events (calls, wrap-up, breaks, logouts)
    /// to the sync's event endpoint at a steady rate, as a real ACD's webhook would.
    /// </summary>
    internal sealed class AcdSimulator
    {
        private static readonly (string State, string CallType)[] Moves =
        {
            ("Inbound", "Inbound"), ("Inbound", "Inbound"), ("Outbound", "Outbound"), ("Conference", "Inbound"),
            ("Available", "None"), ("Available", "None"), ("Idle", "None"), ("Inbound", "Internal"), ("LoggedOut", "None"),
        };

        private readonly int _port;
        private readonly string _secret;
        private readonly int _agents;
        private readonly Random _random = new Random(7);

        public AcdSimulator(int port, string secret, int agents)
        {
            _port = port;
            _secret = secret;
            _agents = agents;
        }

        public int Sent { get; private set; }

        public async Task RunAsync(double perSecond, CancellationToken ct)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var delay = TimeSpan.FromSeconds(1 / perSecond);
            // The shift starts: every agent logs in Available, in one batch, as ACDs send them.
            var login = new StringBuilder("[");
            for (var agent = 1; agent <= _agents; agent++) login.Append(agent > 1 ? "," : "").Append($"{{\"agentId\":\"Q{agent}\",\"state\":\"Available\"}}");
            // Built once: the endpoint may not be up yet, and every retry must send the same body.
            var loginBody = Encoding.UTF8.GetBytes(login.Append(']').ToString());
            while (!ct.IsCancellationRequested && !await PostAsync(http, loginBody, ct).ConfigureAwait(false))
            {
                try { await Task.Delay(500, ct).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
            while (!ct.IsCancellationRequested)
            {
                var (state, callType) = Moves[_random.Next(Moves.Length)];
                var body = Encoding.UTF8.GetBytes($"{{\"agentId\":\"Q{_random.Next(1, _agents + 1)}\",\"state\":\"{state}\",\"callType\":\"{callType}\",\"time\":\"{DateTime.UtcNow:o}\"}}");
                await PostAsync(http, body, ct).ConfigureAwait(false);
                try { await Task.Delay(delay, ct).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
        }

        private async Task<bool> PostAsync(HttpClient http, byte[] body, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}/events") { Content = new ByteArrayContent(body) };
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
            request.Headers.Add("X-PresenceSync-Signature", Sign(timestamp, body));
            try
            {
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) Sent++;
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException)
            {
                // The endpoint is not up yet (or already down): a real ACD retries too.
                return false;
            }
        }

        /// <summary>What an ACD does: HMAC-SHA256 with the shared secret over "timestamp.body".</summary>
        private string Sign(string timestamp, byte[] body)
        {
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(_secret));
            var signed = Encoding.ASCII.GetBytes(timestamp + ".");
            Array.Resize(ref signed, signed.Length + body.Length);
            body.CopyTo(signed, signed.Length - body.Length);
            return "sha256=" + Convert.ToHexString(hmac.ComputeHash(signed)).ToLowerInvariant();
        }
    }
}
