using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// From, To, Contact, Route and Record-Route values (RFC 3261 section 20.10, 25.1 name-addr /
    /// addr-spec): an optional display name, the URI, and header parameters such as tag and
    /// expires. Without angle brackets, everything after the first ';' is a header parameter.
    /// </summary>
    internal sealed class NameAddress
    {
        public NameAddress(string? display, string uri, Dictionary<string, string> parameters)
        {
            Display = display;
            Uri = uri;
            Parameters = parameters;
        }

        public string? Display { get; }

        /// <summary>The URI as written (a Route URI must be sent back unchanged, RFC 3261 section 12.1.2).</summary>
        public string Uri { get; }
        public Dictionary<string, string> Parameters { get; }

        public string? Tag => Parameters.TryGetValue("tag", out var t) && t.Length > 0 ? t : null;

        public static NameAddress Parse(string? value)
        {
            if (value == null) throw new SipParseException(SipParseException.BadHeader, "An address header is missing.");
            var v = value.Trim();
            string? display = null;
            string uri;
            string rest;
            var lt = IndexOfOutsideQuotes(v, '<');
            if (lt >= 0)
            {
                var gt = v.IndexOf('>', lt + 1);
                if (gt < 0) throw new SipParseException(SipParseException.BadHeader, "An address header has '<' without '>'.");
                var d = v.Substring(0, lt).Trim();
                display = d.Length == 0 ? null : HeaderText.Unquote(d);
                uri = v.Substring(lt + 1, gt - lt - 1).Trim();
                rest = v.Substring(gt + 1);
            }
            else
            {
                var semi = v.IndexOf(';');
                uri = semi < 0 ? v : v.Substring(0, semi);
                rest = semi < 0 ? string.Empty : v.Substring(semi);
            }
            if (uri.Length == 0 || uri.IndexOf(':') <= 0) throw new SipParseException(SipParseException.BadHeader, "An address header has no URI.");
            return new NameAddress(display, uri, HeaderText.Parameters(rest));
        }

        private static int IndexOfOutsideQuotes(string text, char ch)
        {
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                if (quoted) { if (text[i] == '\\') i++; else if (text[i] == '"') quoted = false; }
                else if (text[i] == '"') quoted = true;
                else if (text[i] == ch) return i;
            }
            return -1;
        }

        public override string ToString()
        {
            var s = (Display != null ? HeaderText.Quote(Display) + " " : "") + "<" + Uri + ">";
            foreach (var kv in Parameters) s += ";" + kv.Key + (kv.Value.Length > 0 ? "=" + kv.Value : "");
            return s;
        }
    }
}
