using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources.Http;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// GET queries on the sync's event endpoint, answered from the running sync's board:
    ///   GET /routing/{service}/agents/{agentId}   one agent's decision
    ///   GET /routing/{service}                    every member's decision
    ///   GET /routing/{service}/routable           the ids of the agents that may be offered a contact
    /// with ?businessUnit=... for a unit other than Default. Signed like event posts, with the
    /// request target (path and query, as sent) in place of the body: HMAC-SHA256(secret,
    /// timestamp + "." + target). A bad signature is 401, an unknown service or agent 404, a
    /// query the endpoint cannot read 400.
    /// </summary>
    internal sealed class RoutingQueries
    {
        private static readonly JsonSerializerOptions Camel = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        private readonly EngineContext _context;
        private readonly RoutingBoard _board;
        private readonly string _secret;
        private readonly TimeSpan _window;

        public RoutingQueries(EngineContext context, RoutingBoard board, string secret, TimeSpan window)
        {
            _context = context;
            _board = board;
            _secret = secret;
            _window = window;
        }

        public static bool Accepts(EndpointRequest request) => request.Method == "GET";

        public EndpointResponse Handle(EndpointRequest request)
        {
            var now = _context.Clock.UtcNow;
            var timestamp = request.Header(HmacSignature.TimestampHeader);
            if (!HmacSignature.Verify(_secret, timestamp, Encoding.UTF8.GetBytes(request.Target), request.Header(HmacSignature.Header)))
                return EndpointResponse.Error(401, ErrorIds.InvalidEventSignature,
                    $"Send {HmacSignature.TimestampHeader}: <Unix seconds> and {HmacSignature.Header}: sha256=<hex of HMAC-SHA256(secret, timestamp + \".\" + path and query)>.");
            var at = HmacSignature.ParseTimestamp(timestamp)!.Value;
            if (at < now - _window || at > now + _window)
                return EndpointResponse.Error(401, ErrorIds.InvalidEventSignature, $"The signed timestamp {at:u} is more than {_window.TotalMinutes:0} minutes from this machine's clock ({now:u}).");

            if (!TryRead(request.Target, out var unit, out var service, out var agent, out var routableOnly, out var problem))
                return EndpointResponse.Error(400, MalformedQuery, problem!);
            if (!_board.HasService(unit, service))
                return EndpointResponse.Error(404, RoutingErrorIds.RoutingServiceNotFound, $"There is no routing service '{service}' in business unit '{unit}'.");
            if (routableOnly) return _board.RoutableAnswer(unit, service)!;
            if (agent == null)
                return new EndpointResponse(200, JsonSerializer.Serialize(new { businessUnit = unit, service, decisions = _board.All(unit, service).Select(d => Json(d, now)) }, Camel));
            var decision = _board.Decision(unit, service, agent);
            return decision == null
                ? EndpointResponse.Error(404, RoutingErrorIds.AgentNotInRoutingService, $"Agent '{agent}' is not a member of routing service '{service}'.")
                : new EndpointResponse(200, JsonSerializer.Serialize(Json(decision, now), Camel));
        }

        public const string MalformedQuery = "MalformedRoutingQuery";

        /// <summary>The age is counted at the time of the query, from the last read that confirmed the state.</summary>
        private object Json(PresenceRoutingDecision d, DateTime now)
        {
            var seen = _board.SeenUtc(d);
            return new
            {
                d.AgentId, d.Service, d.Routable, d.Decision, d.Policy, d.Row, d.DecidedBy, d.Reason, d.TeamsAvailability, d.TeamsActivity,
                TeamsSeenUtc = seen, TeamsAgeSeconds = seen is DateTime s ? Math.Max(0, (now - s).TotalSeconds) : (double?)null,
                d.Stale, d.StaleHandling, d.AcdState, d.AcdStateUtc, d.DecidedUtc,
            };
        }

        private static bool TryRead(string target, out string unit, out string service, out string? agent, out bool routableOnly, out string? problem)
        {
            unit = "Default";
            service = string.Empty;
            agent = null;
            routableOnly = false;
            problem = null;
            var q = target.IndexOf('?');
            var path = q < 0 ? target : target.Substring(0, q);
            if (q >= 0)
            {
                foreach (var pair in target.Substring(q + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var key = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
                    var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                    if (!string.Equals(key, "businessUnit", StringComparison.OrdinalIgnoreCase) || value.Trim().Length == 0)
                    {
                        problem = $"The query parameter '{key}' is not understood: the only one is businessUnit=<name>.";
                        return false;
                    }
                    unit = value.Trim();
                }
            }
            var parts = path.Split('/').Skip(1).Select(Uri.UnescapeDataString).ToArray();
            var shape = parts.Length >= 2 && parts[0] == "routing" && parts.Skip(1).All(p => p.Trim().Length > 0)
                && (parts.Length == 2 || (parts.Length == 3 && parts[2] == "routable") || (parts.Length == 4 && parts[2] == "agents"));
            if (!shape)
            {
                problem = "Ask GET /routing/{service}, /routing/{service}/routable or /routing/{service}/agents/{agentId}.";
                return false;
            }
            service = parts[1];
            routableOnly = parts.Length == 3;
            agent = parts.Length == 4 ? parts[3] : null;
            return true;
        }
    }
}
