using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// The HTTP endpoint an ACD posts state events to: JSON (one event or an array), signed with
    /// HMAC-SHA256 over the body. Bad signatures get 401, malformed JSON 400, refused events 422
    /// with the reason per event; everything is recorded, and nothing stops the sync.
    /// </summary>
    internal sealed class AcdEventListener : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly AcdEventIntake _intake;
        private readonly EngineContext _context;
        private readonly string _secret;

        public AcdEventListener(EngineContext context, string prefix, string secret)
        {
            _context = context;
            _intake = new AcdEventIntake(context);
            _secret = secret;
            _listener.Prefixes.Add(prefix.EndsWith("/", StringComparison.Ordinal) ? prefix : prefix + "/");
        }

        public void Start()
        {
            try
            {
                _listener.Start();
            }
            catch (HttpListenerException ex)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.EndpointUnavailable, ErrorKind.ResourceUnavailable,
                    $"The event endpoint cannot listen on {string.Join(", ", _listener.Prefixes)}: {ex.Message}", _listener.Prefixes.FirstOrDefault(),
                    "Choose a free port; on Windows a non-admin needs a URL reservation (netsh http add urlacl)."), ex, fatal: true);
            }
        }

        public async Task RunAsync(CancellationToken ct)
        {
            using var registration = ct.Register(() => { try { _listener.Stop(); } catch (ObjectDisposedException) { } });
            while (!ct.IsCancellationRequested)
            {
                HttpListenerContext request;
                try
                {
                    request = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (ct.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }
                _ = Task.Run(() => Handle(request), CancellationToken.None);
            }
        }

        private void Handle(HttpListenerContext http)
        {
            try
            {
                var (status, body) = Process(http.Request);
                var bytes = Encoding.UTF8.GetBytes(body);
                http.Response.StatusCode = status;
                http.Response.ContentType = "application/json";
                http.Response.OutputStream.Write(bytes, 0, bytes.Length);
            }
            catch (Exception ex)
            {
                _context.Host.WriteWarning($"The event endpoint failed on one request: {ex.Message}");
                http.Response.StatusCode = 500;
            }
            finally
            {
                http.Response.Close();
            }
        }

        internal (int Status, string Body) Process(HttpListenerRequest request)
        {
            if (request.HttpMethod != "POST") return (405, Error("MethodNotAllowed", "POST events as JSON."));
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                request.InputStream.CopyTo(buffer);
                body = buffer.ToArray();
            }
            return Process(body, request.Headers[HmacSignature.Header]);
        }

        internal (int Status, string Body) Process(byte[] body, string? signature)
        {
            if (!HmacSignature.Verify(_secret, body, signature))
            {
                Refuse(ErrorIds.InvalidEventSignature, "The signature is missing or does not match the body.");
                return (401, Error(ErrorIds.InvalidEventSignature, $"Sign the body with HMAC-SHA256 and the shared secret in {HmacSignature.Header}: sha256=<hex>."));
            }
            List<AcdEvent> events;
            try
            {
                events = AcdEventJson.Parse(body);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException)
            {
                Refuse(ErrorIds.MalformedEvent, ex.Message);
                return (400, Error(ErrorIds.MalformedEvent, ex.Message));
            }
            // Accepted events wait for the next pass, so several of one agent collapse into one write.
            var results = events.Select(_intake.Accept).ToList();
            foreach (var refused in results.Where(r => r.Refused))
                _context.Host.WriteWarning($"Refused ACD event for agent '{refused.AgentId}': {refused.ErrorId}: {refused.Detail}");
            var json = JsonSerializer.Serialize(new
            {
                results = results.Select(r => new { eventId = r.EventId, agentId = r.AgentId, state = r.State, status = r.Status, errorId = r.ErrorId, detail = r.Detail }),
            });
            return (results.Count > 0 && results.All(r => r.Refused) ? 422 : 202, json);
        }

        private void Refuse(string errorId, string detail)
        {
            _intake.Record(errorId, detail);
            _context.Host.WriteWarning($"Refused an HTTP event: {errorId}: {detail}");
        }

        private static string Error(string code, string message) => JsonSerializer.Serialize(new { error = new { code, message } });

        public void Dispose()
        {
            try { _listener.Close(); } catch (ObjectDisposedException) { }
        }
    }
}
