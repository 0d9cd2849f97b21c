using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sinks
{
    /// <summary>
    /// POSTs ACD state changes to the ACD's webhook, signed like inbound events, retried with
    /// backoff. What the ACD keeps refusing is reported as undeliverable, never dropped silently.
    /// Each attempt has its own deadline, so a webhook that hangs costs at most that long.
    /// </summary>
    internal sealed class WebhookSink : IAcdChangeSink, IDisposable
    {
        private static readonly JsonSerializerOptions Camel = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        private readonly HttpClient _http;
        private readonly string _url;
        private readonly string? _secret;
        private readonly int _attempts;

        public WebhookSink(string url, string? secret, int attempts, TimeSpan attemptTimeout)
        {
            _url = url;
            _secret = secret;
            _attempts = Math.Max(1, attempts);
            _http = new HttpClient { Timeout = attemptTimeout };
        }

        public string Name => "webhook";

        public Task<string> DeliverAsync(PresenceAcdChange change, CancellationToken ct) => PostAsync(Encoding.UTF8.GetBytes(Json(change)), ct);

        /// <summary>Posts any body signed and retried the same way (routing changes use it too).</summary>
        internal async Task<string> PostAsync(byte[] body, CancellationToken ct)
        {
            string last = "no attempt";
            for (var attempt = 1; attempt <= _attempts; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    if (_secret != null)
                    {
                        // Signed anew for each attempt: the timestamp says when this attempt was made.
                        var timestamp = HmacSignature.Timestamp(DateTime.UtcNow);
                        request.Headers.TryAddWithoutValidation(HmacSignature.TimestampHeader, timestamp);
                        request.Headers.TryAddWithoutValidation(HmacSignature.Header, HmacSignature.Sign(_secret, timestamp, body));
                    }
                    using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode) return "OK";
                    last = $"HTTP {(int)response.StatusCode}";
                    if ((int)response.StatusCode < 500 && (int)response.StatusCode != 429) break; // the ACD refuses it: retrying will not help
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    last = "timed out";
                }
                if (attempt < _attempts) await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), ct).ConfigureAwait(false);
            }
            return "Undeliverable: " + last;
        }

        internal static string Json(PresenceAcdChange c) => JsonSerializer.Serialize(new
        {
            c.BusinessUnit, c.AgentId, c.State, c.PreviousState, c.TeamsAvailability, c.TeamsActivity, c.Rule,
            Row = c.RowPosition, Time = c.TimeUtc, c.EventId,
        }, Camel);

        public void Dispose() => _http.Dispose();
    }
}
