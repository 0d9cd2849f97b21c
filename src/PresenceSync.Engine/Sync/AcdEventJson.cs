using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PresenceSync.Engine.Sync
{
    /// <summary>Reads ACD events from JSON: {"agentId","state","reason","callType","time","businessUnit"} or an array of them.</summary>
    internal static class AcdEventJson
    {
        public static List<AcdEvent> Parse(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
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
            if (item.ValueKind != JsonValueKind.Object) throw new FormatException("Each event must be a JSON object.");
            var e = new AcdEvent { Source = "Http", Raw = item.GetRawText() };
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
                    case "calltype":
                        if (!string.IsNullOrEmpty(value) && !Enum.TryParse<CallType>(value, true, out var callType))
                            throw new FormatException($"'{value}' is not a call type (None, Inbound, Outbound, Internal, Consult, Transfer).");
                        e.CallType = string.IsNullOrEmpty(value) ? CallType.None : (CallType)Enum.Parse(typeof(CallType), value!, true);
                        break;
                    case "time":
                        if (!string.IsNullOrEmpty(value))
                        {
                            if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
                                throw new FormatException($"'{value}' is not a time.");
                            e.Time = time;
                        }
                        break;
                }
            }
            return e;
        }
    }
}
