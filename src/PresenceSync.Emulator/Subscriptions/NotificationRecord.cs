namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// One delivery attempt or decision, as listed by GET /_emulator/notifications. ElapsedMs is the
/// real time the POST took (null when nothing was sent).
/// </summary>
public sealed record NotificationRecord(
    long Sequence, DateTimeOffset At, Guid SubscriptionId, string Kind, string Url,
    IReadOnlyList<Guid> UserIds, int Attempt, string Outcome, int? Status, int? ElapsedMs = null);
