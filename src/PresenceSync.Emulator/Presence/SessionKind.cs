namespace PresenceSync.Emulator.Presence;

/// <summary>Who owns a presence session: an app through setPresence, or a simulated Teams client.</summary>
public enum SessionKind { App, Device }
