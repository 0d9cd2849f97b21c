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
            _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        public string Pattern { get; }

        public bool HasWildcards => ContainsWildcards(Pattern);

        public bool IsMatch(string? value) => value != null && _regex.IsMatch(value);

        public static bool ContainsWildcards(string? text)
        {
            if (text == null) return false;
            if (text.IndexOfAny(new[] { '*', '?' }) >= 0) return true;
            var open = text.IndexOf('[');
            return open >= 0 && text.IndexOf(']', open + 2) > open; // "[x]" is a set; a lone "[" is literal
        }

        /// <summary>* any run, ? one character, [abc] and [a-c] one of a set, as PowerShell has them.</summary>
        private static string ToRegex(string pattern)
        {
            var regex = new System.Text.StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var ch = pattern[i];
                var close = ch == '[' ? pattern.IndexOf(']', i + 1) : -1;
                if (ch == '*') regex.Append(".*");
                else if (ch == '?') regex.Append('.');
                else if (close > i + 1)
                {
                    var set = pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\").Replace("^", "\\^").Replace("[", "\\[");
                    regex.Append('[').Append(set).Append(']');
                    i = close;
                }
                else regex.Append(Regex.Escape(ch.ToString()));
            }
            return regex.Append('$').ToString();
        }

        public override string ToString() => Pattern;
    }
}
