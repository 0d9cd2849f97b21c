using System;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// An availability/activity pair. Comparison ignores case because Graph's values are open,
    /// case-insensitive strings.
    /// </summary>
    public sealed class PresenceState : IEquatable<PresenceState>
    {
        public PresenceState(string availability, string activity)
        {
            Availability = availability ?? throw new ArgumentNullException(nameof(availability));
            Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        }

        public string Availability { get; }
        public string Activity { get; }

        /// <summary>Parses "Availability/Activity"; null when the text is not of that form.</summary>
        public static PresenceState? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var parts = text!.Split('/');
            if (parts.Length != 2) return null;
            var availability = parts[0].Trim();
            var activity = parts[1].Trim();
            if (availability.Length == 0 || activity.Length == 0) return null;
            return new PresenceState(availability, activity);
        }

        public bool Equals(PresenceState? other) =>
            other != null
            && string.Equals(Availability, other.Availability, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Activity, other.Activity, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as PresenceState);

        public override int GetHashCode() =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(Availability) * 31
            + StringComparer.OrdinalIgnoreCase.GetHashCode(Activity);

        public override string ToString() => Availability + "/" + Activity;
    }
}
