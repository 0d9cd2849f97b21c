using System;
using System.Text.RegularExpressions;

namespace PresenceSync.Engine.Presence
{
    /// <summary>
    /// PowerShell-style wildcards (* and ?) for rule matching, case-insensitive. The engine cannot
    /// use System.Management.Automation.WildcardPattern, so this is the small subset rules need.
    /// </summary>
    public sealed class WildcardPattern
    {
        private readonly Regex _regex;

        public WildcardPattern(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            var expression = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            _regex = new Regex(expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        public bool HasWildcards => ContainsWildcards(Pattern);

        public bool IsMatch(string? value) => value != null && _regex.IsMatch(value);

        public static bool ContainsWildcards(string? text) =>
            text != null && (text.IndexOf('*') >= 0 || text.IndexOf('?') >= 0);

        public override string ToString() => Pattern;
    }
}
