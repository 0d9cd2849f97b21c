namespace PresenceSync.Emulator.Subscriptions;

/// <summary>One notification URL's health as the control API shows it (GET /_emulator/notifications/endpoints).</summary>
public sealed record EndpointHealthSnapshot(
    string Url, EndpointState State, DateTimeOffset? Until, int Deliveries, int Slow, int Failed, DateTimeOffset? LastFlaggedAt);
