using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>A presence change-notification subscription.</summary>
public sealed class Subscription
{
    public Guid Id { get; init; }
    public string Resource { get; init; } = "";
    public string ChangeType { get; init; } = "updated";
    public string NotificationUrl { get; init; } = "";
    public string? LifecycleNotificationUrl { get; init; }
    public DateTimeOffset ExpirationDateTime { get; set; }
    public string ClientState { get; init; } = "";
    public bool IncludeResourceData { get; init; }
    public X509Certificate2? EncryptionCertificate { get; init; }
    public string? EncryptionCertificateId { get; init; }
    public string? LatestSupportedTlsVersion { get; init; }
    public Guid ApplicationId { get; init; }
    /// <summary>The delegated user who created it (presence subscriptions are delegated only).</summary>
    public Guid CreatorId { get; init; }
    public HashSet<Guid> UserIds { get; init; } = new();
    /// <summary>Set by a reauthorizationRequired lifecycle event; deliveries stop until reauthorized.</summary>
    public bool NeedsReauthorization { get; set; }
    public bool Deleted { get; set; }

    public bool IsEventHub => NotificationUrl.StartsWith("EventHub:", StringComparison.OrdinalIgnoreCase);
    public bool IsActive(DateTimeOffset now) => !Deleted && ExpirationDateTime > now;
}
