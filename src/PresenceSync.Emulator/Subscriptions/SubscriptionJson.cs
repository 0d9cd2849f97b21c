using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Subscriptions;

internal static class SubscriptionJson
{
    public static JsonObject ToJson(Subscription s) => new()
    {
        ["id"] = s.Id.ToString(),
        ["resource"] = s.Resource,
        ["applicationId"] = s.ApplicationId.ToString(),
        ["changeType"] = s.ChangeType,
        ["clientState"] = s.ClientState,
        ["notificationUrl"] = s.NotificationUrl,
        ["lifecycleNotificationUrl"] = s.LifecycleNotificationUrl,
        ["expirationDateTime"] = GraphJson.Iso(s.ExpirationDateTime),
        ["creatorId"] = s.CreatorId.ToString(),
        ["includeResourceData"] = s.IncludeResourceData,
        ["latestSupportedTlsVersion"] = s.LatestSupportedTlsVersion ?? "v1_2",
        ["encryptionCertificate"] = null,
        ["encryptionCertificateId"] = s.EncryptionCertificateId,
        ["notificationQueryOptions"] = null,
        ["notificationUrlAppId"] = null,
    };
}
