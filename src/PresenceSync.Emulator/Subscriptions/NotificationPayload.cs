using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Builds the JSON bodies Graph POSTs to notification and lifecycle URLs, property for property as
/// Learn's "changenotifications-for-presence" shows them: resourceData carries "@odata.type"
/// "#microsoft.graph.presence", "@odata.id" "users/{id}/presence" and the id; every item carries
/// tenantId and organizationId (both the tenant's id). Rich notifications encrypt only what that
/// page lists: "@odata.type", "@odata.id", id, availability and activity.
/// </summary>
internal static class NotificationPayload
{
    public const string PresenceType = "#microsoft.graph.presence";

    public static JsonObject Changes(EmulatorState s, Subscription sub, IReadOnlyList<PresenceView> views)
    {
        var tenantId = s.Directory.TenantId.ToString();
        var items = new JsonArray();
        foreach (var v in views)
        {
            var item = new JsonObject
            {
                ["subscriptionId"] = sub.Id.ToString(),
                ["clientState"] = sub.ClientState,
                ["changeType"] = "updated",
                ["tenantId"] = tenantId,
                ["resource"] = $"communications/presences/{v.Id}",
                ["subscriptionExpirationDateTime"] = GraphJson.Iso(sub.ExpirationDateTime),
                ["resourceData"] = new JsonObject
                {
                    ["@odata.id"] = $"users/{v.Id}/presence",
                    ["@odata.type"] = PresenceType,
                    ["id"] = v.Id.ToString(),
                },
                ["organizationId"] = tenantId,
            };
            if (sub.IncludeResourceData && sub.EncryptionCertificate is { } cert)
            {
                var content = new JsonObject
                {
                    ["@odata.id"] = $"users/{v.Id}/presence",
                    ["@odata.type"] = PresenceType,
                    ["id"] = v.Id.ToString(),
                    ["availability"] = v.Availability,
                    ["activity"] = v.Activity,
                };
                item["encryptedContent"] = NotificationEncryptor.Encrypt(content.ToJsonString(), cert, sub.EncryptionCertificateId);
            }
            items.Add(item);
        }
        var body = new JsonObject { ["value"] = items };
        if (sub.IncludeResourceData) body["validationTokens"] = new JsonArray(ValidationToken(s, sub));
        return body;
    }

    /// <summary>Learn "change-notifications-lifecycle-events", "Structure of a lifecycle notification".</summary>
    public static JsonObject Lifecycle(EmulatorState s, Subscription sub, string lifecycleEvent) => new()
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["subscriptionId"] = sub.Id.ToString(),
            ["subscriptionExpirationDateTime"] = GraphJson.Iso(sub.ExpirationDateTime),
            ["tenantId"] = s.Directory.TenantId.ToString(),
            ["clientState"] = sub.ClientState,
            ["lifecycleEvent"] = lifecycleEvent,
        }),
    };

    /// <summary>
    /// JWT proving the notification comes from Graph (Learn "change-notifications-with-resource-data",
    /// "Example JWT token"): audience = the subscribing app, appid/azp = Graph Change Tracking.
    /// </summary>
    private static string ValidationToken(EmulatorState s, Subscription sub)
    {
        var now = s.Clock.UtcNow;
        var issuer = $"https://sts.windows.net/{s.Directory.TenantId}/";
        return s.Tokens.Sign(new JsonObject
        {
            ["aud"] = sub.ApplicationId.ToString(),
            ["iss"] = issuer,
            ["iat"] = Jwt.Epoch(now), ["nbf"] = Jwt.Epoch(now), ["exp"] = Jwt.Epoch(now.AddHours(1)),
            ["appid"] = GraphPermissions.ChangeTrackingAppId,
            ["azp"] = GraphPermissions.ChangeTrackingAppId,
            ["appidacr"] = "2",
            ["idp"] = issuer,
            ["tid"] = s.Directory.TenantId.ToString(),
            ["uti"] = Jwt.B64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "1.0",
        });
    }
}
