namespace PresenceSync.Emulator.Subscriptions;

/// <summary>A change waiting to be delivered (or retried).</summary>
internal sealed class PendingNotification
{
    public required Subscription Subscription { get; init; }
    public required Presence.PresenceView View { get; init; }
    /// <summary>When the change happened (emulator clock): the 4-hour retry period and the slow-endpoint delay count from here.</summary>
    public DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset NextAttempt { get; set; }
    public int Attempts { get; set; }
}
