using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Simulation;

/// <summary>
/// What a user's Teams clients do to presence: each device (desktop, mobile, web) has its own
/// session, the status picked by hand is the preferred layer, signing out removes the session.
/// Used by the control API and by the simulation driver.
/// </summary>
public static class TeamsClient
{
    public static readonly string[] Devices = { "desktop", "mobile", "web" };

    /// <summary>What a Teams client can report (calls, meetings, presenting, idle...).</summary>
    public static readonly (string Availability, string Activity)[] DeviceStates =
    {
        ("Available", "Available"), ("Busy", "InACall"), ("Busy", "InAConferenceCall"), ("Busy", "InAMeeting"),
        ("DoNotDisturb", "Presenting"), ("DoNotDisturb", "DoNotDisturb"), ("Away", "Away"), ("BeRightBack", "BeRightBack"),
        ("AvailableIdle", "Available"), ("BusyIdle", "Busy"),
    };

    public static PresenceView SetDevice(EmulatorState s, Guid userId, string device, string availability, string activity)
    {
        var now = s.Clock.UtcNow;
        return s.Presence.Mutate(userId, p => p.Sessions["device:" + device] = new PresenceSession
        {
            Key = "device:" + device, Kind = SessionKind.Device, Source = device,
            Availability = availability, Activity = activity, RefreshedAt = now,
        });
    }

    /// <summary>Signs out one device, or every device when null (the user goes offline unless an app holds a session).</summary>
    public static PresenceView SignOut(EmulatorState s, Guid userId, string? device) =>
        s.Presence.Mutate(userId, p =>
        {
            foreach (var key in p.Sessions.Keys.Where(k => k.StartsWith("device:") && (device is null || k == "device:" + device)).ToList())
                p.Sessions.Remove(key);
        });

    /// <summary>The status a user picks in Teams: the same layer as setUserPreferredPresence.</summary>
    public static PresenceView SetPreferred(EmulatorState s, Guid userId, string availability, string activity, TimeSpan? duration)
    {
        var expires = s.Clock.UtcNow + (duration ?? PresenceRules.DefaultPreferredExpiry(availability));
        return s.Presence.Mutate(userId, p => p.Preferred = new PreferredPresence(availability, activity, expires));
    }

    public static PresenceView ClearPreferred(EmulatorState s, Guid userId) => s.Presence.Mutate(userId, p => p.Preferred = null);

    /// <summary>The user's work location signal (Teams or Outlook); null clears it (unspecified / none).</summary>
    public static PresenceView SetWorkLocation(EmulatorState s, Guid userId, WorkLocationState? location) =>
        s.Presence.Mutate(userId, p => p.WorkLocation = location ?? WorkLocationState.None);

    public static PresenceView SetOutOfOffice(EmulatorState s, Guid userId, bool isOutOfOffice, string? message) =>
        s.Presence.Mutate(userId, p => { p.IsOutOfOffice = isOutOfOffice; p.OutOfOfficeMessage = isOutOfOffice ? message : null; });
}
