using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// The status message of a row towards Teams: plain text with placeholders, checked when the
    /// rule is written and filled when the row fires. Graph takes the message as an itemBody of
    /// contentType text (setStatusMessage); Teams shows at most 280 characters, so a template longer
    /// than that is refused and a filled message is cut to it.
    /// </summary>
    public static class StatusMessageTemplate
    {
        public const int MaxLength = 280;
        public static readonly TimeSpan ShortestExpiry = TimeSpan.FromMinutes(1);
        public static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(7);

        /// <summary>The placeholders a message may hold.</summary>
        public static readonly string[] Placeholders = { "State", "Reason", "Time", "AgentId" };

        private static readonly Regex Placeholder = new Regex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

        /// <summary>Null when the template can be used; else why not.</summary>
        public static string? Problem(string? template)
        {
            if (string.IsNullOrWhiteSpace(template)) return "the status message is empty";
            if (template!.Length > MaxLength) return $"the status message has {template.Length} characters; Teams shows at most {MaxLength}";
            foreach (var c in template)
            {
                if (char.IsControl(c)) return $"the status message holds the control character U+{(int)c:X4}; it must be one line of plain text";
            }
            if (template.IndexOf('"') >= 0 && template.IndexOf('\'') >= 0) return "the status message holds both kinds of quote; use one";
            foreach (Match m in Placeholder.Matches(template))
            {
                if (Array.FindIndex(Placeholders, p => string.Equals(p, m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)) < 0)
                    return $"'{m.Value}' is not a placeholder; use {{State}}, {{Reason}}, {{Time}} or {{AgentId}}";
            }
            var rest = Placeholder.Replace(template, string.Empty);
            if (rest.IndexOf('{') >= 0 || rest.IndexOf('}') >= 0) return "the status message has a '{' or '}' that is not part of a placeholder";
            return null;
        }

        /// <summary>The message for one agent: {State} the ACD state, {Reason} its reason code, {Time} when it began (HH:mm UTC), {AgentId}.</summary>
        public static string Fill(string template, string? state, string? reason, DateTime? sinceUtc, string agentId)
        {
            var text = Placeholder.Replace(template, m =>
            {
                switch (m.Groups[1].Value.ToLowerInvariant())
                {
                    case "state": return state ?? string.Empty;
                    case "reason": return reason ?? string.Empty;
                    case "time": return sinceUtc is DateTime t ? t.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC" : string.Empty;
                    default: return agentId;
                }
            });
            var clean = new StringBuilder(text.Length);
            foreach (var c in text) clean.Append(char.IsControl(c) ? ' ' : c); // a reason code from the ACD is not trusted to be one line
            text = clean.ToString().Trim();
            return text.Length <= MaxLength ? text : text.Substring(0, MaxLength);
        }

        /// <summary>True when <paramref name="shown"/> is what the template gives for some values of its placeholders.</summary>
        public static bool Matches(string template, string shown)
        {
            template = template.Trim();
            var pattern = new StringBuilder("^");
            var at = 0;
            foreach (Match m in Placeholder.Matches(template))
            {
                pattern.Append(Regex.Escape(template.Substring(at, m.Index - at))).Append(".*");
                at = m.Index + m.Length;
            }
            pattern.Append(Regex.Escape(template.Substring(at))).Append('$');
            return Regex.IsMatch(shown.Trim(), pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }

        /// <summary>The text form of the clause, quoted so that the parser reads it back.</summary>
        public static string Quote(string template) => template.IndexOf('"') >= 0 ? "'" + template + "'" : "\"" + template + "\"";
    }
}
