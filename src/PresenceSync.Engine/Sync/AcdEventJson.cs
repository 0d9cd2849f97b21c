using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Reads ACD events from JSON: {"agentId","state","reason","callType","time","businessUnit","eventId"}
    /// or an array of them. A body that is not JSON, or not an event or an array of events, is
    /// refused whole; one event with a bad field is marked and refused alone.
    /// </summary>
    internal static class AcdEventJson
    {
        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions { MaxDepth = 16 };

        public static List<AcdEvent> Parse(byte[] body)
        {
            using var document = JsonDocument.Parse(body, Options);
            var events = new List<AcdEvent>();
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray()) events.Add(One(item));
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                events.Add(One(root));
            }
            else
            {
                throw new FormatException("The body must be a JSON event object or an array of them.");
            }
            return events;
        }

        private static AcdEvent One(JsonElement item)
        {
            var e = new AcdEvent { Source = "Http" };
            if (item.ValueKind != JsonValueKind.Object) return Invalid(e, "Each event must be a JSON object.");
            foreach (var property in item.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()
                    : property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetRawText();
                switch (property.Name.ToLowerInvariant())
                {
                    case "agentid": e.AgentId = value; break;
                    case "state": e.State = value; break;
                    case "reason": e.Reason = value; break;
                    case "businessunit": e.BusinessUnit = value; break;
                    case "eventid": e.EventId = value; break;
                    case "calltype":
                        if (!CallTypes.TryParse(value, out var callType))
                            return Invalid(e, $"'{value}' is not a call type ({string.Join(", ", CallTypes.Names)}).");
                        e.CallType = callType;
                        break;
                    case "time":
                        if (!string.IsNullOrEmpty(value))
                        {
                            if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                                return Invalid(e, $"'{value}' is not a time (ISO 8601, UTC when it has no zone).");
                            e.Time = time;
                        }
                        break;
                }
            }
            return e;
        }

        private static AcdEvent Invalid(AcdEvent e, string detail)
        {
            e.InvalidErrorId = ErrorIds.MalformedEvent;
            e.InvalidDetail = detail;
            return e;
        }
    }
}
