using System;
using System.Collections.Generic;
using System.Text;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// Lexical helpers for header values (RFC 3261 section 25.1): comma lists that respect quoted
    /// strings and angle brackets, quoted-string unescaping, and ";name=value" parameters.
    /// </summary>
    internal static class HeaderText
    {
        /// <summary>Splits at commas that are outside quotes and outside &lt;...&gt;.</summary>
        public static List<string> SplitList(string value)
        {
            var parts = new List<string>();
            var start = 0;
            var quoted = false;
            var angle = false;
            for (var i = 0; i < value.Length; i++)
            {
                var ch = value[i];
                if (quoted)
                {
                    if (ch == '\\') i++;
                    else if (ch == '"') quoted = false;
                }
                else if (ch == '"') quoted = true;
                else if (ch == '<') angle = true;
                else if (ch == '>') angle = false;
                else if (ch == ',' && !angle)
                {
                    Add(parts, value.Substring(start, i - start));
                    start = i + 1;
                }
            }
            Add(parts, value.Substring(start));
            return parts;
        }

        private static void Add(List<string> parts, string part)
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0) parts.Add(trimmed);
        }

        /// <summary>Removes the quotes and backslash escapes of a quoted-string (RFC 3261 section 25.1); other text is returned trimmed.</summary>
        public static string Unquote(string value)
        {
            var v = value.Trim();
            if (v.Length < 2 || v[0] != '"' || v[v.Length - 1] != '"') return v;
            var sb = new StringBuilder(v.Length);
            for (var i = 1; i < v.Length - 1; i++)
            {
                if (v[i] == '\\' && i + 1 < v.Length - 1) i++;
                sb.Append(v[i]);
            }
            return sb.ToString();
        }

        public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>
        /// Parses ";a=b;c;d=\"x;y\"" (generic-param, RFC 3261 section 25.1) into names and values;
        /// a parameter without a value maps to an empty string. Names compare case-insensitively.
        /// </summary>
        public static Dictionary<string, string> Parameters(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in SplitOutsideQuotes(text, ';'))
            {
                var p = part.Trim();
                if (p.Length == 0) continue;
                var eq = p.IndexOf('=');
                var name = (eq < 0 ? p : p.Substring(0, eq)).Trim();
                if (name.Length == 0) continue;
                result[name] = eq < 0 ? string.Empty : Unquote(p.Substring(eq + 1));
            }
            return result;
        }

        public static List<string> SplitOutsideQuotes(string text, char separator)
        {
            var parts = new List<string>();
            var start = 0;
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (quoted)
                {
                    if (ch == '\\') i++;
                    else if (ch == '"') quoted = false;
                }
                else if (ch == '"') quoted = true;
                else if (ch == separator)
                {
                    parts.Add(text.Substring(start, i - start));
                    start = i + 1;
                }
            }
            if (start <= text.Length) parts.Add(text.Substring(Math.Min(start, text.Length)));
            return parts;
        }

        /// <summary>A token (RFC 3261 section 25.1): alphanumerics and -.!%*_+`'~; method and header names are tokens.</summary>
        public static bool IsToken(string value)
        {
            if (value.Length == 0) return false;
            foreach (var ch in value)
            {
                var ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || "-.!%*_+`'~".IndexOf(ch) >= 0;
                if (!ok) return false;
            }
            return true;
        }
    }
}
