using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// Finds rows that would bounce an agent between the two sides for ever. An edge A -> B means:
    /// in ACD state A the rule sets Teams to T, and T (read back) sets the ACD to B != A. A cycle of
    /// such edges is a ping-pong. Clearing the app's session leaves Teams to the user's other
    /// sessions, which the rule cannot predict, so "Clear" starts no edge.
    /// </summary>
    public static class OscillationDetector
    {
        /// <summary>The cycle written out, e.g. "Ready => Available/Available => Idle => Away/Away => Ready", or null.</summary>
        public static string? FindCycle(IReadOnlyList<PresenceRuleRow> rows)
        {
            var edges = new Dictionary<string, (string Next, PresenceState Via)>(StringComparer.OrdinalIgnoreCase);
            foreach (var writer in rows.Where(r => r.WritesTeams))
            {
                if (edges.ContainsKey(writer.AcdState) || writer.Target?.State == null) continue;
                var shown = writer.Target.State;
                // The first matching row wins at run time, so only it can fire here.
                var reader = rows.FirstOrDefault(r => r.MatchesTeams(shown) && r.GuardAllows(writer.AcdState));
                if (reader == null || string.Equals(reader.AcdState, writer.AcdState, StringComparison.OrdinalIgnoreCase)) continue;
                edges[writer.AcdState] = (reader.AcdState, shown);
            }

            // Each state has at most one outgoing edge, so following edges from every start finds any cycle.
            foreach (var start in edges.Keys)
            {
                var path = new List<string>();
                var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                var current = start;
                while (current != null && !seen.ContainsKey(current))
                {
                    seen[current] = path.Count;
                    path.Add(current);
                    current = edges.TryGetValue(current, out var next) ? next.Next : null;
                }
                if (current == null) continue;
                var cycle = path.Skip(seen[current]).ToList();
                var parts = cycle.Select(s => $"ACD '{s}' => Teams {edges[s].Via}");
                return string.Join(" => ", parts) + $" => ACD '{cycle[0]}'";
            }
            return null;
        }
    }
}
