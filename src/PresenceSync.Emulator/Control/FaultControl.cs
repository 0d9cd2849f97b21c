using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PresenceSync.Emulator.Control;

/// <summary>POST/GET/DELETE /_emulator/faults: 429 storms, 5xx bursts, latency, dropped or delayed notifications.</summary>
internal static class FaultControl
{
    private static readonly string[] Kinds = { "throttle", "serverError", "latency", "dropNotifications", "delayNotifications" };

    public static void Map(RouteGroupBuilder c, EmulatorState s)
    {
        c.MapPost("/faults", async (HttpContext ctx, CancellationToken ct) =>
        {
            var b = await ControlEndpoints.Body(ctx);
            var kind = (string?)b["kind"] ?? "";
            if (!Kinds.Contains(kind)) return Results.BadRequest(new { error = $"kind must be one of {string.Join(", ", Kinds)}." });
            var status = (int?)b["status"] ?? 503;
            // Absent: Graph's usual header (429 and 503 carry Retry-After: 1); a number: that header on any status; null: none.
            var retryAfter = b.ContainsKey("retryAfterSeconds") ? (int?)b["retryAfterSeconds"]
                : kind == "throttle" || status == 503 ? 1 : null;
            var rule = s.Faults.Add(new FaultRule
            {
                Kind = kind,
                PathContains = (string?)b["pathContains"],
                AppId = (string?)b["appId"],
                Count = (int?)b["count"],
                Until = b["durationSeconds"] is { } d ? s.Clock.UtcNow.AddSeconds((double)d) : null,
                Status = status,
                RetryAfterSeconds = retryAfter,
                LatencyMs = (int?)b["latencyMs"] ?? 0,
                DelaySeconds = (int?)b["delaySeconds"] ?? 0,
            });
            return ControlEndpoints.Json(ToJson(rule));
        });
        c.MapGet("/faults", () => ControlEndpoints.Json(new JsonArray(s.Faults.Rules.Select(r => (JsonNode)ToJson(r)).ToArray())));
        c.MapDelete("/faults", () => { s.Faults.Clear(); return Results.NoContent(); });
        c.MapDelete("/faults/{id}", (string id) => s.Faults.Remove(id) ? Results.NoContent() : Results.NotFound());
    }

    private static JsonObject ToJson(FaultRule r) => new()
    {
        ["id"] = r.Id, ["kind"] = r.Kind, ["pathContains"] = r.PathContains, ["appId"] = r.AppId, ["count"] = r.Count,
        ["until"] = r.Until?.ToString("O"), ["status"] = r.Status, ["retryAfterSeconds"] = r.RetryAfterSeconds,
        ["latencyMs"] = r.LatencyMs, ["delaySeconds"] = r.DelaySeconds,
    };
}
