using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>Builds the JSON bodies Graph POSTs to notification and lifecycle URLs.</summary>
internal static class NotificationPayload
{
    public static JsonObject Changes(EmulatorState s, Subscription sub, IReadOnlyList<PresenceView> views)
    {
        var items = new JsonArray();
        foreach (var v in views)
        {
            var item = new JsonObject
            {
                ["subscriptionId"] = sub.Id.ToString(),
                ["clientState"] = sub.ClientState,
                ["changeType"] = "updated",
                ["resource"] = $"communications/presences/{v.Id}",
                ["subscriptionExpirationDateTime"] = GraphJson.Iso(sub.ExpirationDateTime),
                ["resourceData"] = new JsonObject
                {
                    ["@odata.type"] = "#Microsoft.Graph.presence",
                    ["@odata.id"] = $"communications/presences/{v.Id}",
                    ["id"] = v.Id.ToString(),
                },
                ["tenantId"] = s.Directory.TenantId.ToString(),
            };
            if (sub.IncludeResourceData && sub.EncryptionCertificate is { } cert)
            {
                var content = PresenceJson.ToJson(v);
                content.Insert(0, "@odata.type", "#Microsoft.Graph.presence");
                content.Insert(1, "@odata.id", $"communications/presences/{v.Id}");
                item["encryptedContent"] = NotificationEncryptor.Encrypt(content.ToJsonString(), cert, sub.EncryptionCertificateId);
            }
            items.Add(item);
        }
        var body = new JsonObject { ["value"] = items };
        if (sub.IncludeResourceData) body["validationTokens"] = new JsonArray(ValidationToken(s, sub));
        return body;
    }

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

    /// <summary>JWT proving the notification comes from Graph: audience = the subscribing app, appid/azp = Graph Change Tracking.</summary>
    private static string ValidationToken(EmulatorState s, Subscription sub)
    {
        var now = s.Clock.UtcNow;
        return s.Tokens.Sign(new JsonObject
        {
            ["aud"] = sub.ApplicationId.ToString(),
            ["iss"] = $"https://sts.windows.net/{s.Directory.TenantId}/",
            ["iat"] = Jwt.Epoch(now), ["nbf"] = Jwt.Epoch(now), ["exp"] = Jwt.Epoch(now.AddHours(1)),
            ["appid"] = GraphPermissions.ChangeTrackingAppId,
            ["azp"] = GraphPermissions.ChangeTrackingAppId,
            ["tid"] = s.Directory.TenantId.ToString(),
            ["ver"] = "1.0",
        });
    }
}
