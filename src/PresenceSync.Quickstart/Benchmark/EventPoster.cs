using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>Signs and posts ACD events to the sync's endpoint as an ACD does (timestamp header, HMAC over "timestamp." + body).</summary>
    internal sealed class EventPoster : IDisposable
    {
        private readonly HttpClient _http;
        private readonly int _port;
        private readonly byte[] _secret;

        public EventPoster(int port, string secret)
        {
            _port = port;
            _secret = Encoding.UTF8.GetBytes(secret);
            _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10) })
            {
                Timeout = TimeSpan.FromSeconds(60),
            };
        }

        public static string Json(string agentId, string state, string? unit, DateTimeOffset time) =>
            "{\"agentId\":\"" + agentId + "\",\"state\":\"" + state + "\",\"time\":\"" + time.ToString("O", CultureInfo.InvariantCulture) + "\"" +
            (unit != null ? ",\"businessUnit\":\"" + unit + "\"" : "") + ",\"eventId\":\"" + Guid.NewGuid().ToString("N") + "\"}";

        /// <summary>Posts a body; the status code, or 0 when the connection failed.</summary>
        public async Task<int> PostAsync(string body, CancellationToken ct = default)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}/events") { Content = new ByteArrayContent(bytes) };
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var hmac = new HMACSHA256(_secret);
            var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(bytes).ToArray();
            request.Headers.Add("X-PresenceSync-Timestamp", timestamp);
            request.Headers.Add("X-PresenceSync-Signature", "sha256=" + Convert.ToHexString(hmac.ComputeHash(signed)).ToLowerInvariant());
            try
            {
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException) { return 0; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return 0; }
        }

        public async Task<PostedEvent> PostEventAsync(string agentId, string state, string? unit)
        {
            var at = DateTimeOffset.UtcNow;
            var status = await PostAsync(Json(agentId, state, unit, at)).ConfigureAwait(false);
            return new PostedEvent(agentId, state, at, status);
        }

        /// <summary>Waits until the endpoint answers at all (the sync is up), or the timeout passes.</summary>
        public async Task<bool> WaitUntilListeningAsync(TimeSpan timeout, Func<bool> gaveUp)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && !gaveUp())
            {
                if (await PostAsync("[]").ConfigureAwait(false) != 0) return true;
                await Task.Delay(250).ConfigureAwait(false);
            }
            return false;
        }

        /// <summary>
        /// Posts one event per tick at a steady rate for the duration, agents in turn, each agent's
        /// state alternating between Inbound and Conference (so every event changes Teams).
        /// </summary>
        public async Task<List<PostedEvent>> SteadyAsync(IReadOnlyList<string> agents, double perSecond, TimeSpan duration, string? unit,
            Dictionary<string, int> turn)
        {
            var posted = new List<Task<PostedEvent>>();
            var start = DateTime.UtcNow;
            var total = (int)(perSecond * duration.TotalSeconds);
            using var inFlight = new SemaphoreSlim(64);
            for (var i = 0; i < total; i++)
            {
                var due = start + TimeSpan.FromSeconds(i / perSecond);
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait).ConfigureAwait(false);
                var agent = agents[i % agents.Count];
                var n = turn.TryGetValue(agent, out var t) ? t : 0;
                turn[agent] = n + 1;
                var state = n % 2 == 0 ? "Inbound" : "Conference";
                await inFlight.WaitAsync().ConfigureAwait(false);
                posted.Add(Task.Run(async () => { try { return await PostEventAsync(agent, state, unit).ConfigureAwait(false); } finally { inFlight.Release(); } }));
            }
            return (await Task.WhenAll(posted).ConfigureAwait(false)).ToList();
        }

        public void Dispose() => _http.Dispose();
    }
}
