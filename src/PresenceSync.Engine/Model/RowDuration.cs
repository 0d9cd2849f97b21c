using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PresenceSync.Engine.Model
{
    /// <summary>
    /// The short durations of the rule row text form ("after 5s", "expires 10m"): a whole number with
    /// s, m or h (a bare number is seconds). Written back in the largest unit that is exact, so a
    /// row read from Get-PresenceRule parses to the same row.
    /// </summary>
    public static class RowDuration
    {
        private static readonly Regex Form = new Regex(@"^(\d{1,6})\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static bool TryParse(string text, out TimeSpan duration)
        {
            duration = TimeSpan.Zero;
            var m = Form.Match((text ?? string.Empty).Trim());
            if (!m.Success) return false;
            var n = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups[2].Success ? char.ToLowerInvariant(m.Groups[2].Value[0]) : 's';
            duration = unit == 'h' ? TimeSpan.FromHours(n) : unit == 'm' ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
            return true;
        }

        public static string Format(TimeSpan duration)
        {
            var seconds = (long)duration.TotalSeconds;
            if (seconds > 0 && seconds % 3600 == 0) return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
            if (seconds > 0 && seconds % 60 == 0) return (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
            return seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }
    }
}
