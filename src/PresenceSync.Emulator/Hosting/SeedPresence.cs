using System.Text.Json.Nodes;
using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Hosting;

/// <summary>Applies the optional "presence" of seed-file users: {"desktop":"Available/Available", "preferred":"Busy/Busy", "outOfOffice":true}.</summary>
internal static class SeedPresence
{
    public static void Apply(EmulatorState s, List<(Guid UserId, JsonObject Presence)> seeds)
    {
        var now = s.Clock.UtcNow;
        foreach (var (userId, p) in seeds)
            s.Presence.Mutate(userId, u =>
            {
                foreach (var device in new[] { "desktop", "mobile", "web" })
                    if ((string?)p[device] is { } pair && Split(pair) is var (a, act))
                        u.Sessions["device:" + device] = new PresenceSession
                        {
                            Key = "device:" + device, Kind = SessionKind.Device, Source = device,
                            Availability = a, Activity = act, RefreshedAt = now,
                        };
                if ((string?)p["preferred"] is { } preferred && Split(preferred) is var (pa, pact))
                    u.Preferred = new PreferredPresence(pa, pact, now + PresenceRules.DefaultPreferredExpiry(pa));
                u.IsOutOfOffice = (bool?)p["outOfOffice"] ?? false;
            });
    }

    private static (string, string) Split(string pair)
    {
        var parts = pair.Split('/');
        return (parts[0], parts.Length > 1 ? parts[1] : parts[0]);
    }
}
