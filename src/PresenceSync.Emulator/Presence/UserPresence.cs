namespace PresenceSync.Emulator.Presence;

/// <summary>All presence layers of one user plus the last published aggregate and its sequence number.</summary>
public sealed class UserPresence
{
    public Guid UserId { get; init; }
    public Dictionary<string, PresenceSession> Sessions { get; } = new();
    public PreferredPresence? Preferred { get; set; }
    public StatusMessageState? StatusMessage { get; set; }
    public bool IsOutOfOffice { get; set; }
    public string? OutOfOfficeMessage { get; set; }
    public WorkLocationState WorkLocation { get; set; } = WorkLocationState.None;
    public string SequenceNumber { get; set; } = "";
    public string? Fingerprint { get; set; }
    public string Availability { get; set; } = "Offline";
    public string Activity { get; set; } = "Offline";
    /// <summary>The aggregate as last evaluated, served as long as no time-driven change is due.</summary>
    public PresenceView? View { get; internal set; }
    /// <summary>When time alone next changes this user's aggregate (an expiry or a fade); null when never.</summary>
    public DateTimeOffset? NextDue { get; internal set; }
}
