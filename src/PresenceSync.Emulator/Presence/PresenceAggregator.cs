namespace PresenceSync.Emulator.Presence;

/// <summary>
/// How Teams combines the layers: no live session means Offline whatever else is set; otherwise
/// a live preferred presence beats every session; otherwise the highest-ranked session wins
/// (DoNotDisturb > Busy > Available > Away), the most recently refreshed on a tie. Out of office
/// shows as activity OutOfOffice unless the user is busy or in do-not-disturb.
/// </summary>
internal static class PresenceAggregator
{
    public static (string Availability, string Activity) Compute(UserPresence p, DateTimeOffset now)
    {
        (string Availability, string Activity) result;
        var live = p.Sessions.Values.Where(s => s.ExpiresAt is null || s.ExpiresAt > now).ToList();
        if (live.Count == 0)
            result = ("Offline", "Offline");
        else if (p.Preferred is { } preferred && preferred.ExpiresAt > now)
            result = (preferred.Availability, preferred.Activity);
        else
            result = live
                .Select(s => (Effective: s.EffectiveAt(now), s.RefreshedAt))
                .OrderByDescending(x => PresenceRules.Rank(x.Effective.Availability))
                .ThenByDescending(x => x.RefreshedAt)
                .First().Effective;

        if (p.IsOutOfOffice && result.Availability is "Available" or "Away" or "BeRightBack" or "Offline")
            result = (result.Availability, "OutOfOffice");
        return result;
    }
}
