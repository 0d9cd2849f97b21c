using System.Text.RegularExpressions;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Parses the two presence resource forms: /communications/presences/{id} and
/// /communications/presences?$filter=id in ('id1','id2',...).
/// </summary>
internal static partial class ResourceParser
{
    [GeneratedRegex(@"^/?communications/presences/(?<id>[^/?]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Single();

    [GeneratedRegex(@"^/?communications/presences\?\$filter=id\s+in\s+\((?<ids>[^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex Many();

    /// <summary>Returns the ids, or null when the resource is not a presence resource.</summary>
    public static List<string>? Parse(string resource)
    {
        resource = Uri.UnescapeDataString(resource.Trim());
        if (Single().Match(resource) is { Success: true } one)
            return new List<string> { one.Groups["id"].Value.Trim('\'') };
        if (Many().Match(resource) is { Success: true } many)
            return many.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(i => i.Trim('\'', '"')).ToList();
        return null;
    }
}
