using System;
using System.Collections.Generic;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Decides one agent in one service from its facts. The order is the policy's promise: an agent
    /// in an ACD contact is never routable; without a Teams state nobody is; a stale view is handled
    /// as the policy says (and the decision says so); else the first matching row, else the default.
    /// Pure and allocation-light: a running sync calls it on every observation.
    /// </summary>
    internal static class RoutingEvaluator
    {
        public static PresenceRoutingDecision Decide(string unit, string service, string agentId, PresenceRoutingPolicy? policy, string? noPolicyReason,
            RoutingFacts facts, DateTime now)
        {
            TimeSpan? age = facts.TeamsSeenUtc is DateTime seen ? now - seen : (TimeSpan?)null;
            if (age < TimeSpan.Zero) age = TimeSpan.Zero;
            PresenceRoutingDecision Make(string decision, int? row, string by, string reason, bool stale = false, string? handling = null) =>
                new PresenceRoutingDecision(unit, service, agentId, policy?.Name, decision, row, by, reason, facts, age, stale, handling, now);

            if (policy == null)
                return Make(RoutingDecisions.DoNotRoute, null, "NoPolicy", noPolicyReason ?? "No routing policy applies.");
            if (InContact(policy.AcdContactStates, facts.AcdState))
                return Make(RoutingDecisions.DoNotRoute, null, "AcdContact", $"The agent is in an ACD contact (ACD state '{facts.AcdState}'), whatever Teams says.");
            if (!facts.Mapped)
                return Make(RoutingDecisions.DoNotRoute, null, "NotMapped", "The agent is not mapped to a Teams user, so its Teams presence is unknown.");
            if (facts.Teams == null)
                return Make(RoutingDecisions.DoNotRoute, null, "NoTeamsPresence", "No Teams presence has been read for the agent yet.");

            var stale = facts.ReadsFailing || (policy.MaxTeamsAge is TimeSpan limit && age > limit);
            if (stale)
            {
                var why = facts.ReadsFailing ? "Teams reads are failing" : $"the Teams state is {Seconds(age)} old (limit {Seconds(policy.MaxTeamsAge)})";
                switch (policy.WhenStale)
                {
                    case RoutingDecisions.DoNotRoute:
                        return Make(RoutingDecisions.DoNotRoute, null, "Stale", $"Stale: {why}; the policy routes nobody then.", true, RoutingDecisions.DoNotRoute);
                    case RoutingDecisions.Fallback:
                        var fallback = First(policy.FallbackRows, facts);
                        return fallback == null
                            ? Make(RoutingDecisions.DoNotRoute, null, "Fallback", $"Stale: {why}; no fallback row matches {facts.Teams}, so not routable.", true, RoutingDecisions.Fallback)
                            : Make(fallback.Decision, fallback.Position, fallback.ToString(), $"Stale: {why}; fallback row {fallback.Position} matches {facts.Teams}.", true, RoutingDecisions.Fallback);
                }
            }
            var hit = First(policy.Rows, facts);
            var keep = stale ? $"Stale ({(facts.ReadsFailing ? "Teams reads are failing" : "older than " + Seconds(policy.MaxTeamsAge))}), last state kept: " : string.Empty;
            var handling = stale ? RoutingDecisions.KeepLast : null;
            if (hit != null)
                return Make(hit.Decision, hit.Position, hit.ToString(), $"{keep}Row {hit.Position} matches Teams {facts.Teams}.", stale, handling);
            return Make(policy.Default, null, "Default", $"{keep}No row matches Teams {facts.Teams}; the policy's default is {policy.Default}.", stale, handling);
        }

        private static PresenceRoutingRow? First(IReadOnlyList<PresenceRoutingRow> rows, RoutingFacts facts)
        {
            for (var i = 0; i < rows.Count; i++)
                if (rows[i].Matches(facts.Teams!, facts.AcdState)) return rows[i];
            return null;
        }

        private static bool InContact(IReadOnlyList<string> states, string? acd)
        {
            if (acd == null) return false;
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                if (WildcardPattern.ContainsWildcards(s) ? new WildcardPattern(s).IsMatch(acd) : string.Equals(s, acd, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static string Seconds(TimeSpan? t) => t is TimeSpan v ? $"{(long)v.TotalSeconds} s" : "unknown";
    }
}
