using System.Text.Json;
using System.Text.Json.Nodes;
using PresenceSync.Emulator.Http;

namespace PresenceSync.Emulator.Presence;

/// <summary>
/// The presence resource as Graph serialises it. The status message's expiryDateTime and
/// publishedDateTime are shown only to the user themself: "isn't available when you request the
/// presence of another user" (Learn: presencestatusmessage; presence-setstatusmessage, example 3).
/// An app-only caller is never the user, so it never sees them.
/// </summary>
internal static class PresenceJson
{
    public static JsonObject ToJson(PresenceView v, bool self) => new()
    {
        ["id"] = v.Id.ToString(),
        ["availability"] = v.Availability,
        ["activity"] = v.Activity,
        ["statusMessage"] = v.StatusMessage is { } m ? StatusMessage(m, self) : null,
        ["outOfOfficeSettings"] = new JsonObject { ["message"] = v.OutOfOfficeMessage, ["isOutOfOffice"] = v.IsOutOfOffice },
        ["sequenceNumber"] = v.SequenceNumber,
        ["workLocation"] = new JsonObject
        {
            ["workLocationType"] = v.WorkLocation.WorkLocationType,
            ["source"] = v.WorkLocation.Source,
            ["placeId"] = v.WorkLocation.PlaceId,
        },
    };

    private static JsonObject StatusMessage(StatusMessageState m, bool self)
    {
        var json = new JsonObject { ["message"] = new JsonObject { ["content"] = m.Content, ["contentType"] = m.ContentType } };
        if (!self) return json;
        json["expiryDateTime"] = m.ExpiryDateTime is { } e
            ? new JsonObject { ["dateTime"] = e.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), ["timeZone"] = "UTC" }
            : null;
        json["publishedDateTime"] = GraphJson.Iso(m.PublishedDateTime);
        return json;
    }

    /// <summary>The same object written straight to a stream (getPresencesByUserId answers up to 650 at a time).</summary>
    public static void Write(Utf8JsonWriter w, PresenceView v, bool self)
    {
        w.WriteStartObject();
        w.WriteString("id", v.Id);
        w.WriteString("availability", v.Availability);
        w.WriteString("activity", v.Activity);
        w.WritePropertyName("statusMessage");
        if (v.StatusMessage is { } m) StatusMessage(m, self).WriteTo(w);
        else w.WriteNullValue();
        w.WriteStartObject("outOfOfficeSettings");
        w.WriteString("message", v.OutOfOfficeMessage);
        w.WriteBoolean("isOutOfOffice", v.IsOutOfOffice);
        w.WriteEndObject();
        w.WriteString("sequenceNumber", v.SequenceNumber);
        w.WriteStartObject("workLocation");
        w.WriteString("workLocationType", v.WorkLocation.WorkLocationType);
        w.WriteString("source", v.WorkLocation.Source);
        w.WriteString("placeId", v.WorkLocation.PlaceId);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
