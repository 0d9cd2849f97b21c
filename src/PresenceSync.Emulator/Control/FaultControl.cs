using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// POST/GET/DELETE /faults: 429 storms, 5xx bursts, latency, hung requests, trickled answers,
/// stalled connections, failing token endpoints, dropped or delayed notifications. Rules posted
/// under /_emulator apply to every tenant unless the body names one ("tenantId"); under
/// /_emulator/tenants/{id} they apply to that tenant.
/// </summary>
internal static class FaultControl
{
    private static readonly string[] Kinds =
        { "throttle", "serverError", "latency", "hang", "slowReply", "stallConnections", "dropNotifications", "delayNotifications" };
    private static readonly string[] Targets = { FaultRule.GraphTarget, FaultRule.IdentityTarget };

    public static void Map(RouteGroupBuilder c, EmulatorState s, bool tenantScoped)
    {
        Guid? scope = tenantScoped ? s.Directory.TenantId : null;
        bool Visible(FaultRule r) => scope is null || r.TenantId is null || r.TenantId == scope;
        c.MapPost("/faults", async (HttpContext ctx, CancellationToken ct) =>
        {
            var b = await ControlEndpoints.Body(ctx);
            var kind = (string?)b["kind"] ?? "";
            if (!Kinds.Contains(kind)) return Results.BadRequest(new { error = $"kind must be one of {string.Join(", ", Kinds)}." });
            var target = (string?)b["target"] ?? FaultRule.GraphTarget;
            if (!Targets.Contains(target)) return Results.BadRequest(new { error = $"target must be one of {string.Join(", ", Targets)}." });
            Guid? tenant = scope;
            if (tenant is null && (string?)b["tenantId"] is { } named)
            {
                if (!Guid.TryParse(named, out var parsed)) return Results.BadRequest(new { error = "tenantId must be a GUID." });
                tenant = parsed;
            }
            var status = (int?)b["status"] ?? 503;
            // Absent: Graph's usual header (429 and 503 carry Retry-After: 1); a number (fractions allowed): that header on any status; null: none.
            var retryAfter = b.ContainsKey("retryAfterSeconds") ? (double?)b["retryAfterSeconds"]
                : kind == "throttle" || status == 503 ? 1 : null;
            var rule = s.Faults.Add(new FaultRule
            {
                Kind = kind,
                Target = target,
                PathContains = (string?)b["pathContains"],
                AppId = (string?)b["appId"],
                TenantId = tenant,
                Count = (int?)b["count"],
                Until = b["durationSeconds"] is { } d ? s.Clock.UtcNow.AddSeconds((double)d) : null,
                Status = status,
                RetryAfterSeconds = retryAfter,
                LatencyMs = (int?)b["latencyMs"] ?? 0,
                DelaySeconds = (int?)b["delaySeconds"] ?? 0,
                HangSeconds = (double?)b["hangSeconds"] ?? 600,
                TrickleMs = (int?)b["trickleMs"] ?? 500,
                ChunkBytes = (int?)b["chunkBytes"] ?? 1,
            });
            return ControlEndpoints.Json(ToJson(rule));
        });
        c.MapGet("/faults", () => ControlEndpoints.Json(new JsonArray(s.Faults.Rules.Where(Visible).Select(r => (JsonNode)ToJson(r)).ToArray())));
        c.MapDelete("/faults", () =>
        {
            foreach (var r in s.Faults.Rules.Where(Visible)) s.Faults.Remove(r.Id);
            return Results.NoContent();
        });
        c.MapDelete("/faults/{id}", (string id) => s.Faults.Rules.Any(r => r.Id == id && Visible(r)) && s.Faults.Remove(id) ? Results.NoContent() : Results.NotFound());
    }

    private static JsonObject ToJson(FaultRule r) => new()
    {
        ["id"] = r.Id, ["kind"] = r.Kind, ["target"] = r.Target, ["pathContains"] = r.PathContains, ["appId"] = r.AppId,
        ["tenantId"] = r.TenantId?.ToString(), ["count"] = r.Count, ["until"] = r.Until?.ToString("O"), ["status"] = r.Status,
        ["retryAfterSeconds"] = r.RetryAfterSeconds, ["latencyMs"] = r.LatencyMs, ["delaySeconds"] = r.DelaySeconds,
        ["hangSeconds"] = r.HangSeconds, ["trickleMs"] = r.TrickleMs, ["chunkBytes"] = r.ChunkBytes,
    };
}
