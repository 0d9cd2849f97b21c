using System;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sync.Sources.Http;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// The HTTP(S) endpoint an ACD posts signed state events to (see HmacSignature for the scheme
    /// and Http/EventEndpointServer for the limits). A request with a bad or missing signature gets
    /// 401, a repeat 409, a body that is not JSON 400, too large a body 413, events all refused 422,
    /// otherwise 202 with one result per event; nothing a client sends stops the sync.
    /// </summary>
    internal sealed class HttpEventSource : IAcdEventSource
    {
        private readonly EngineContext _context;
        private readonly EventEndpointOptions _options;
        private readonly string _secret;
        private readonly AcdEventIntake _intake;

        private readonly Routing.RoutingQueries? _queries;

        /// <summary>Threads serving event posts: writes are one at a time, so a few cover the waits for the lock.</summary>
        private const int Workers = 4;

        public HttpEventSource(EngineContext context, EventEndpointOptions options, string secret, Routing.RoutingQueries? queries = null)
        {
            _queries = queries;
            _context = context;
            _options = options;
            _secret = secret;
            _intake = new AcdEventIntake(context);
        }

        public string Name => "Http";

        /// <summary>The running server, for the benchmark's view of bodies held in memory.</summary>
        internal EventEndpointServer? Server { get; private set; }

        public async Task RunAsync(IAcdEventTarget target, CancellationToken ct)
        {
            EventRequestHandler? handler = null;
            handler = new EventRequestHandler(_context, _secret, _options.ReplayWindow, (reason, count) => Forged(target, reason, count, handler!.Forgeries), Refused);
            // GETs are routing queries (issue 10); everything else is an event post.
            // Routing GETs answer from memory on the connection's thread; event posts, which wait
            // for the store, run on the endpoint's own workers.
            using var workers = new RequestWorkers(Workers, "PresenceSync event endpoint");
            Server = new EventEndpointServer(_options, request => _queries != null && Routing.RoutingQueries.Accepts(request)
                ? Task.FromResult(_queries.Handle(request)) : workers.Run(() => handler.Handle(request, target)));
            using var stopCounting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var counting = Task.CompletedTask;
            try
            {
                await Server.RunAsync(() =>
                {
                    target.Report(new SourceHealth(Name, null, true, null, $"Listening on {_options}", _context.Clock.UtcNow));
                    _context.Host.WriteVerbose($"Listening for ACD events on {_options}");
                    counting = CountForgeriesAsync(target, handler, stopCounting.Token);
                }, ct).ConfigureAwait(false);
            }
            finally
            {
                stopCounting.Cancel();
                await counting.ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Keeps the status's count of forged requests current between the once-a-minute reports
        /// (a flood of 2,000 showed "1 refused" for a minute): one status update every few seconds
        /// at most, and only when the count moved, so a flood still costs no row per request.
        /// </summary>
        private async Task CountForgeriesAsync(IAcdEventTarget target, EventRequestHandler handler, CancellationToken ct)
        {
            var shown = 0L;
            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                var total = handler.Forgeries;
                if (total == shown) continue;
                shown = total;
                try { target.Report(new SourceHealth(Name, null, true, null, Counted(total), _context.Clock.UtcNow)); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { _context.Host.WriteVerbose($"The count of forged requests could not be shown: {ex.Message}"); }
            }
        }

        private string Counted(long total) => $"Listening on {_options}; {total} requests refused for their signature so far";

        private void Refused(string errorId, string detail)
        {
            _intake.Record(errorId, detail);
            _context.Host.WriteWarning($"Refused an HTTP event request: {errorId}: {detail}");
        }

        /// <summary>Forged or stale requests: one record and one warning a minute at most, with how many there were.</summary>
        private void Forged(IAcdEventTarget target, string reason, int count, long total)
        {
            var detail = count == 1 ? reason : $"{count} requests refused for their signature since the last report; the latest: {reason}";
            _intake.Record(ErrorIds.InvalidEventSignature, detail);
            _context.Host.WriteWarning($"Refused an HTTP event request: {ErrorIds.InvalidEventSignature}: {detail}");
            target.Report(new SourceHealth(Name, null, true, null, Counted(total), _context.Clock.UtcNow));
        }
    }
}
