namespace PresenceSync.Emulator.Presence;

/// <summary>The user's manually chosen status (Teams UI or setUserPreferredPresence: the same layer).</summary>
public sealed record PreferredPresence(string Availability, string Activity, DateTimeOffset ExpiresAt);
