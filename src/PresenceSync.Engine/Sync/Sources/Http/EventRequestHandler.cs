using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// What the event endpoint does with a request it took in whole: checks the signed timestamp
    /// and the signature, refuses a repeat, parses the events and hands them to the sync, and
    /// answers with one result per event. A bad event is refused alone (202 with its result);
    /// only a batch in which every event was refused is 422.
    /// </summary>
    internal sealed class EventRequestHandler
    {
        private readonly EngineContext _context;
        private readonly string _secret;
        private readonly TimeSpan _window;
        private readonly ReplayGuard _replays;
        private readonly RefusalLog _forgeries;
        private long _lastStamp;

        private readonly Action<string, string> _refuse;

        /// <param name="reportForgeries">Told of forged or stale requests, at most once a minute, with how many there were.</param>
        /// <param name="refuse">Told of each signed request that is refused whole (not JSON, say): it is recorded.</param>
        public EventRequestHandler(EngineContext context, string secret, TimeSpan window, Action<string, int> reportForgeries, Action<string, string> refuse)
        {
            _refuse = refuse;
            _context = context;
            _secret = secret;
            _window = window;
            _replays = new ReplayGuard(window);
            _forgeries = new RefusalLog(reportForgeries);
        }

        public long Forgeries => _forgeries.Total;

        public EndpointResponse Handle(EndpointRequest request, IAcdEventTarget target)
        {
            if (request.Method != "POST") return EndpointResponse.Error(405, "MethodNotAllowed", "POST events as JSON.");
            var now = _context.Clock.UtcNow;
            var timestamp = request.Header(HmacSignature.TimestampHeader);
            var signature = request.Header(HmacSignature.Header);
            if (!HmacSignature.Verify(_secret, timestamp, request.Body, signature))
                return Forged(now, timestamp == null
                    ? $"The {HmacSignature.TimestampHeader} header is missing: sign the Unix time in seconds and the body together."
                    : "The signature is missing or does not match the timestamp and the body.");
            var at = HmacSignature.ParseTimestamp(timestamp)!.Value;
            if (at < now - _window || at > now + _window)
                return Forged(now, $"The signed timestamp {at:u} is more than {_window.TotalMinutes:0} minutes from this machine's clock ({now:u}).");
            if (!_replays.FirstTime("sig:" + signature!.Trim().ToLowerInvariant(), now))
                return EndpointResponse.Error(409, ErrorIds.ReplayedEventRequest, "This signed request was already taken; a new request needs a new timestamp and signature.");

            List<AcdEvent> events;
            try
            {
                events = AcdEventJson.Parse(request.Body);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException)
            {
                _refuse(ErrorIds.MalformedEvent, ex.Message);
                return EndpointResponse.Error(400, ErrorIds.MalformedEvent, ex.Message);
            }
            var received = Stamp(request.ReceivedUtc);
            foreach (var e in events) e.ReceivedUtc = received;
            var fresh = events.Where(e => e.EventId == null || _replays.FirstTime($"event:{e.BusinessUnit}|{e.EventId}", now)).ToList();
            var results = fresh.Count == 0 ? new List<AcdEventResult>() : target.Submit(fresh).ToList();
            foreach (var refused in results.Where(r => r.Refused))
                _context.Host.WriteWarning($"Refused ACD event for agent '{refused.AgentId}': {refused.ErrorId}: {refused.Detail}");
            var byEvent = fresh.Zip(results, (e, r) => (e, r)).ToDictionary(p => p.e, p => p.r);
            var json = JsonSerializer.Serialize(new
            {
                results = events.Select(e => byEvent.TryGetValue(e, out var r)
                    ? (object)new { eventId = r.EventId, agentId = r.AgentId, state = r.State, status = r.Status, errorId = r.ErrorId, detail = r.Detail }
                    : new { eventId = 0L, agentId = e.AgentId, state = e.State, status = "Ignored", errorId = (string?)null, detail = (string?)$"A repeat of the ACD's event '{e.EventId}', already taken." }),
            });
            return new EndpointResponse(results.Count > 0 && results.All(r => r.Refused) ? 422 : 202, json);
        }

        private EndpointResponse Forged(DateTime now, string detail)
        {
            _forgeries.Refused(detail, now);
            return EndpointResponse.Error(401, ErrorIds.InvalidEventSignature,
                $"{detail} Send {HmacSignature.TimestampHeader}: <Unix seconds> and {HmacSignature.Header}: sha256=<hex of HMAC-SHA256(secret, timestamp + \".\" + body)>.");
        }

        /// <summary>Arrival times that never repeat and never go back, so every event without a time has its own place in the order.</summary>
        private DateTime Stamp(DateTime received)
        {
            var ticks = received.Ticks;
            while (true)
            {
                var last = Interlocked.Read(ref _lastStamp);
                var next = Math.Max(ticks, last + 1);
                if (Interlocked.CompareExchange(ref _lastStamp, next, last) == last) return new DateTime(next, DateTimeKind.Utc);
            }
        }
    }
}
