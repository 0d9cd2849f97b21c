using System.Xml;

namespace PresenceSync.Emulator.Presence;

/// <summary>The documented presence rules (README.md#graph-facts, "Writing presence"), in one place.</summary>
public static class PresenceRules
{
    /// <summary>setPresence accepts only these availability/activity pairs.</summary>
    public static readonly (string Availability, string Activity)[] SessionPairs =
    {
        ("Available", "Available"), ("Busy", "InACall"), ("Busy", "InAConferenceCall"), ("Away", "Away"), ("DoNotDisturb", "Presenting"),
    };

    /// <summary>setUserPreferredPresence accepts only these pairs.</summary>
    public static readonly (string Availability, string Activity)[] PreferredPairs =
    {
        ("Available", "Available"), ("Busy", "Busy"), ("DoNotDisturb", "DoNotDisturb"), ("BeRightBack", "BeRightBack"), ("Away", "Away"), ("Offline", "OffWork"),
    };

    public static readonly TimeSpan MinSessionExpiry = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxSessionExpiry = TimeSpan.FromHours(4);
    public static readonly TimeSpan DefaultSessionExpiry = TimeSpan.FromMinutes(5);
    /// <summary>An Available session not refreshed for this long shows Available/AvailableInactive ...</summary>
    public static readonly TimeSpan FadeToInactive = TimeSpan.FromMinutes(5);
    /// <summary>... and after this long Away/Away.</summary>
    public static readonly TimeSpan FadeToAway = TimeSpan.FromMinutes(10);
    public const int MaxIdsPerRequest = 650;

    public static bool IsSessionPair(string availability, string activity) => Contains(SessionPairs, availability, activity);
    public static bool IsPreferredPair(string availability, string activity) => Contains(PreferredPairs, availability, activity);

    /// <summary>Preferred presence lasts 1 day for Busy and DoNotDisturb, 7 days for the rest, unless given.</summary>
    public static TimeSpan DefaultPreferredExpiry(string availability) =>
        availability is "Busy" or "DoNotDisturb" ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>Aggregation order among sessions: DoNotDisturb > Busy > Available > Away.</summary>
    public static int Rank(string availability) => availability switch
    {
        "DoNotDisturb" => 5,
        "Busy" => 4,
        "BusyIdle" => 3,
        "Available" => 2,
        "AvailableIdle" => 2,
        "Away" or "BeRightBack" => 1,
        _ => 0,
    };

    /// <summary>Parses an ISO 8601 duration (PT5M); null when malformed.</summary>
    public static TimeSpan? ParseDuration(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso)) return null;
        try { return XmlConvert.ToTimeSpan(iso); }
        catch (FormatException) { return null; }
    }

    private static bool Contains((string, string)[] pairs, string a, string b) =>
        pairs.Any(p => string.Equals(p.Item1, a, StringComparison.Ordinal) && string.Equals(p.Item2, b, StringComparison.Ordinal));
}
