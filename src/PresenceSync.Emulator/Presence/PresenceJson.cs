using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Presence;

/// <summary>The presence resource as Graph serialises it.</summary>
internal static class PresenceJson
{
    public static JsonObject ToJson(PresenceView v) => new()
    {
        ["id"] = v.Id.ToString(),
        ["availability"] = v.Availability,
        ["activity"] = v.Activity,
        ["statusMessage"] = v.StatusMessage is { } m ? new JsonObject
        {
            ["message"] = new JsonObject { ["content"] = m.Content, ["contentType"] = m.ContentType },
            ["expiryDateTime"] = m.ExpiryDateTime is { } e
                ? new JsonObject { ["dateTime"] = e.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" }
                : null,
            ["publishedDateTime"] = GraphJson.Iso(m.PublishedDateTime),
        } : null,
        ["outOfOfficeSettings"] = new JsonObject { ["message"] = v.OutOfOfficeMessage, ["isOutOfOffice"] = v.IsOutOfOffice },
        ["sequenceNumber"] = v.SequenceNumber,
        ["workLocation"] = new JsonObject
        {
            ["workLocationType"] = v.WorkLocation.WorkLocationType,
            ["source"] = v.WorkLocation.Source,
            ["placeId"] = v.WorkLocation.PlaceId,
        },
    };
}
