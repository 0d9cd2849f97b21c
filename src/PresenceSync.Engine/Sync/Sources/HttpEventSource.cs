using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// The HTTP endpoint an ACD posts state events to: JSON (one event or an array), signed with
    /// HMAC-SHA256 over the body. Bad signatures get 401, malformed JSON 400, refused events 422
    /// with the reason per event, accepted ones 202 once recorded; nothing stops the sync.
    /// </summary>
    internal sealed class HttpEventSource : IAcdEventSource
    {
        private readonly EngineContext _context;
        private readonly string _prefix;
        private readonly string _secret;
        private readonly AcdEventIntake _intake;

        public HttpEventSource(EngineContext context, string prefix, string secret)
        {
            _context = context;
            _prefix = prefix.EndsWith("/", StringComparison.Ordinal) ? prefix : prefix + "/";
            _secret = secret;
            _intake = new AcdEventIntake(context);
        }

        public string Name => "Http";

        public async Task RunAsync(IAcdEventTarget target, CancellationToken ct)
        {
            using var listener = new HttpListener();
            listener.Prefixes.Add(_prefix);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException ex)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.EndpointUnavailable, ErrorKind.ResourceUnavailable,
                    $"The event endpoint cannot listen on {_prefix}: {ex.Message}", _prefix,
                    "Choose a free port; on Windows a non-admin needs a URL reservation (netsh http add urlacl)."), ex);
            }
            target.Report(new SourceHealth(Name, null, true, null, $"Listening on {_prefix}", _context.Clock.UtcNow));
            _context.Host.WriteVerbose($"Listening for ACD events on {_prefix}");
            using var registration = ct.Register(() => { try { listener.Stop(); } catch (ObjectDisposedException) { } });
            while (!ct.IsCancellationRequested)
            {
                HttpListenerContext request;
                try
                {
                    request = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (ct.IsCancellationRequested || !listener.IsListening)
                {
                    return;
                }
                _ = Task.Run(() => Handle(request, target), CancellationToken.None);
            }
        }

        private void Handle(HttpListenerContext http, IAcdEventTarget target)
        {
            try
            {
                var (status, body) = Process(http.Request, target);
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

        private (int Status, string Body) Process(HttpListenerRequest request, IAcdEventTarget target)
        {
            if (request.HttpMethod != "POST") return (405, Error("MethodNotAllowed", "POST events as JSON."));
            byte[] body;
            using (var buffer = new MemoryStream())
            {
                request.InputStream.CopyTo(buffer);
                body = buffer.ToArray();
            }
            return Process(body, request.Headers[HmacSignature.Header], target);
        }

        internal (int Status, string Body) Process(byte[] body, string? signature, IAcdEventTarget target)
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
            var results = events.Count == 0 ? new List<AcdEventResult>() : target.Submit(events).ToList();
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
    }
}
