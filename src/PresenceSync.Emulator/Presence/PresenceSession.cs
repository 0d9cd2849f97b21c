namespace PresenceSync.Emulator.Presence;

/// <summary>One presence session. App sessions expire and Available ones fade; device sessions live until signed out.</summary>
public sealed class PresenceSession
{
    public string Key { get; init; } = "";
    public SessionKind Kind { get; init; }
    /// <summary>App id (App) or device name such as desktop, mobile, web (Device).</summary>
    public string Source { get; init; } = "";
    public string Availability { get; set; } = "";
    public string Activity { get; set; } = "";
    public DateTimeOffset RefreshedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The session's presence at a given instant, after the Available fade.</summary>
    public (string Availability, string Activity) EffectiveAt(DateTimeOffset now)
    {
        if (Kind == SessionKind.App && Availability == "Available")
        {
            var idle = now - RefreshedAt;
            if (idle >= PresenceRules.FadeToAway) return ("Away", "Away");
            if (idle >= PresenceRules.FadeToInactive) return ("Available", "AvailableInactive");
        }
        return (Availability, Activity);
    }
}
