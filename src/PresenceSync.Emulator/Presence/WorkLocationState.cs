namespace PresenceSync.Emulator.Presence;

/// <summary>
/// The presence resource's workLocation (Graph type userWorkLocation): workLocationType
/// (unspecified, office, remote, timeOff), source (none, manual, scheduled, automatic) and placeId.
/// A user with no work-location signal shows <see cref="None"/>, as Graph does.
/// </summary>
public sealed record WorkLocationState(string WorkLocationType, string Source, string? PlaceId)
{
    public static readonly WorkLocationState None = new("unspecified", "none", null);
    public static readonly string[] Types = { "unspecified", "office", "remote", "timeOff" };
    public static readonly string[] Sources = { "none", "manual", "scheduled", "automatic" };
}
