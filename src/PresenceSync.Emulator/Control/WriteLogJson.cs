using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Control;

/// <summary>GET /writes?since=SEQ&amp;limit=N: a page of the write log, for a benchmark in another process.</summary>
internal static class WriteLogJson
{
    public const int DefaultLimit = 10_000;

    public static JsonObject Page(EmulatorState s, IQueryCollection query)
    {
        var since = long.TryParse(query["since"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, WriteLog.Capacity) : DefaultLimit;
        var (records, last) = s.Writes.Since(since, limit);
        return new JsonObject
        {
            // Pass "next" as the following "since"; "last" is the newest sequence number issued so far.
            ["next"] = records.Count > 0 ? records[^1].Sequence : Math.Max(since, 0),
            ["last"] = last,
            ["value"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["sequence"] = r.Sequence,
                ["appliedAt"] = r.AppliedAt.ToString("O", CultureInfo.InvariantCulture),
                ["emulatorTime"] = r.EmulatorTime.ToString("O", CultureInfo.InvariantCulture),
                ["userId"] = r.UserId.ToString(), ["appId"] = r.AppId.ToString(), ["operation"] = r.Operation, ["status"] = r.Status,
                ["availability"] = r.Availability, ["activity"] = r.Activity,
            }).ToArray()),
        };
    }
}
