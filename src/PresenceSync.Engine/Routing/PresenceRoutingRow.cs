using System;
using System.Collections.Generic;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// A validated routing row: a Teams availability/activity pattern (wildcards as in rules), Route
    /// or DoNotRoute, and optionally the ACD states it applies in. Earlier rows win. The patterns
    /// are compiled once, because a running sync evaluates rows for every observation.
    /// </summary>
    public sealed class PresenceRoutingRow
    {
        private readonly WildcardPattern _availability;
        private readonly WildcardPattern _activity;

        public PresenceRoutingRow(int position, string availabilityPattern, string activityPattern, string decision, IReadOnlyList<string> onlyWhenAcdState)
        {
            Position = position;
            AvailabilityPattern = availabilityPattern;
            ActivityPattern = activityPattern;
            Decision = decision;
            OnlyWhenAcdState = onlyWhenAcdState;
            _availability = new WildcardPattern(availabilityPattern);
            _activity = new WildcardPattern(activityPattern);
        }

        public int Position { get; }
        public string AvailabilityPattern { get; }
        public string ActivityPattern { get; }

        /// <summary>"Route" or "DoNotRoute".</summary>
        public string Decision { get; }
        public bool Routable => Decision == RoutingDecisions.Route;

        /// <summary>When not empty, the row applies only while the agent is in one of these ACD states.</summary>
        public IReadOnlyList<string> OnlyWhenAcdState { get; }

        public string Teams => AvailabilityPattern + "/" + ActivityPattern;

        public bool Matches(PresenceState teams, string? acdState)
        {
            if (!_availability.IsMatch(teams.Availability) || !_activity.IsMatch(teams.Activity)) return false;
            if (OnlyWhenAcdState.Count == 0) return true;
            foreach (var allowed in OnlyWhenAcdState)
                if (string.Equals(allowed, acdState, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        public override string ToString()
        {
            var text = $"{Teams} => {Decision}";
            return OnlyWhenAcdState.Count == 0 ? text : text + " when " + string.Join(",", OnlyWhenAcdState);
        }
    }
}
