using System;
using System.Linq;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Reads the one-line routing row form:
    ///   "Available/* => Route"
    ///   "Busy/InACall => DoNotRoute"
    ///   "Away => DoNotRoute"                   (availability only: any activity)
    ///   "Busy/* => Route when Ready,Idle"      (only while the agent is in one of these ACD states)
    /// </summary>
    public static class RoutingRowParser
    {
        public static RoutingRowDefinition Parse(string text)
        {
            var source = (text ?? string.Empty).Trim();
            var arrow = source.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0) throw Invalid(source, "it has no '=>' between the Teams state and Route or DoNotRoute");
            var left = source.Substring(0, arrow).Trim();
            var right = source.Substring(arrow + 2).Trim();
            var definition = new RoutingRowDefinition { Text = source, Teams = left };
            var padded = " " + right + " ";
            var when = padded.IndexOf(" when ", StringComparison.OrdinalIgnoreCase);
            if (when >= 0)
            {
                foreach (var state in right.Substring(when + 4).Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0))
                    definition.OnlyWhenAcdState.Add(state);
                right = right.Substring(0, when).Trim();
            }
            if (left.Length == 0 || right.Length == 0) throw Invalid(source, "one side of the arrow is empty");
            definition.Decision = right;
            return definition;
        }

        internal static PresenceSyncException Invalid(string text, string why) =>
            EngineContext.Fail(RoutingErrorIds.InvalidRoutingRow, ErrorKind.InvalidArgument,
                $"The routing row '{text}' cannot be read: {why}.", text,
                "Write rows as 'Availability/Activity => Route' or 'Availability/Activity => DoNotRoute [when AcdState,...]'.");
    }
}
