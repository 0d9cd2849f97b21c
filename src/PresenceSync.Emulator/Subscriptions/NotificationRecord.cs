namespace PresenceSync.Emulator.Subscriptions;

/// <summary>One delivery attempt, as listed by GET /_emulator/notifications.</summary>
public sealed record NotificationRecord(
    long Sequence, DateTimeOffset At, Guid SubscriptionId, string Kind, string Url,
    IReadOnlyList<Guid> UserIds, int Attempt, string Outcome, int? Status);

/// <summary>A change waiting to be delivered (or retried).</summary>
internal sealed class PendingNotification
{
    public required Subscription Subscription { get; init; }
    public required Presence.PresenceView View { get; init; }
    public DateTimeOffset FirstAttempt { get; init; }
    public DateTimeOffset NextAttempt { get; set; }
    public int Attempts { get; set; }
}
