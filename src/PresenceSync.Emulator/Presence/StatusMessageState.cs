namespace PresenceSync.Emulator.Presence;

/// <summary>A status message as set by setStatusMessage; it disappears at ExpiryDateTime.</summary>
public sealed record StatusMessageState(string Content, string ContentType, DateTimeOffset? ExpiryDateTime, string? ExpiryTimeZone, DateTimeOffset PublishedDateTime);
