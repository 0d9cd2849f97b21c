using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PresenceSync.Emulator.Control;

/// <summary>Inspection of subscriptions, notifications sent and notification-endpoint health; lifecycle events on demand.</summary>
internal static class SubscriptionControl
{
    public static void Map(RouteGroupBuilder c, EmulatorState s)
    {
        c.MapGet("/subscriptions", () =>
        {
            var now = s.Clock.UtcNow;
            return ControlEndpoints.Json(new JsonArray(s.Subscriptions.All.Select(x => (JsonNode)new JsonObject
            {
                ["id"] = x.Id.ToString(), ["resource"] = x.Resource, ["applicationId"] = x.ApplicationId.ToString(),
                ["creatorId"] = x.CreatorId.ToString(), ["userCount"] = x.UserIds.Count,
                ["expirationDateTime"] = x.ExpirationDateTime.ToString("O"), ["active"] = x.IsActive(now),
                ["notificationUrl"] = x.NotificationUrl, ["lifecycleNotificationUrl"] = x.LifecycleNotificationUrl,
                ["includeResourceData"] = x.IncludeResourceData, ["needsReauthorization"] = x.NeedsReauthorization,
            }).ToArray()));
        });
        c.MapPost("/subscriptions/{id}/lifecycle", async (HttpContext ctx, string id) =>
        {
            var body = await ControlEndpoints.Body(ctx);
            if (!Guid.TryParse(id, out var gid) || s.Subscriptions.Find(gid) is not { } sub) return Results.NotFound();
            await s.Notifier.SendLifecycleAsync(sub, (string?)body["event"] ?? "reauthorizationRequired");
            return Results.NoContent();
        });
        c.MapGet("/notifications", (HttpContext ctx, CancellationToken ct) =>
        {
            var since = long.TryParse(ctx.Request.Query["since"], out var n) ? n : 0;
            return ControlEndpoints.Json(new JsonObject
            {
                ["pending"] = s.Notifier.PendingCount,
                ["value"] = new JsonArray(s.Notifier.Records.Where(r => r.Sequence > since).Select(r => (JsonNode)new JsonObject
                {
                    ["sequence"] = r.Sequence, ["at"] = r.At.ToString("O"), ["subscriptionId"] = r.SubscriptionId.ToString(),
                    ["kind"] = r.Kind, ["url"] = r.Url, ["userIds"] = new JsonArray(r.UserIds.Select(u => (JsonNode)u.ToString()).ToArray()),
                    ["attempt"] = r.Attempt, ["outcome"] = r.Outcome, ["status"] = r.Status, ["elapsedMs"] = r.ElapsedMs,
                }).ToArray()),
            });
        });
        c.MapGet("/notifications/endpoints", () =>
        {
            var now = s.Clock.UtcNow;
            return ControlEndpoints.Json(new JsonArray(s.EndpointHealth.Snapshot(now).Select(e => (JsonNode)new JsonObject
            {
                ["url"] = e.Url, ["state"] = e.State.ToString().ToLowerInvariant(), ["until"] = e.Until?.ToString("O"),
                ["deliveries"] = e.Deliveries, ["slow"] = e.Slow, ["failed"] = e.Failed, ["lastFlaggedAt"] = e.LastFlaggedAt?.ToString("O"),
            }).ToArray()));
        });
        c.MapDelete("/notifications/endpoints", () => { s.EndpointHealth.Reset(); return Results.NoContent(); });
    }
}
