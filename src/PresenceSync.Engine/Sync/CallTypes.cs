using System;
using System.Linq;

namespace PresenceSync.Engine.Sync
{
    /// <summary>Reads a call type by its name only: "99" or "Inbound, Outbound" would pass Enum.TryParse, and are not call types.</summary>
    internal static class CallTypes
    {
        public static readonly string[] Names = Enum.GetNames(typeof(CallType));

        /// <summary>An empty value is None.</summary>
        public static bool TryParse(string? text, out CallType callType)
        {
            callType = CallType.None;
            if (string.IsNullOrWhiteSpace(text)) return true;
            var name = Names.FirstOrDefault(n => string.Equals(n, text!.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name == null) return false;
            callType = (CallType)Enum.Parse(typeof(CallType), name);
            return true;
        }
    }
}
