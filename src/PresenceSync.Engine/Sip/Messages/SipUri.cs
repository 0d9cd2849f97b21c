using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// A SIP or SIPS URI (RFC 3261 section 19.1), or a tel URI (RFC 3966) as PBXes put in dialog
    /// identities: scheme, user, host, port and uri-parameters. URI headers ("?...") are kept but
    /// never interpreted. Only what a subscriber needs; anything it cannot read is refused.
    /// </summary>
    internal sealed class SipUri
    {
        private SipUri(string scheme, string? user, string host, int? port, Dictionary<string, string> parameters, string? headers)
        {
            Scheme = scheme;
            User = user;
            Host = host;
            Port = port;
            Parameters = parameters;
            Headers = headers;
        }

        public string Scheme { get; }
        public string? User { get; }
        public string Host { get; }
        public int? Port { get; }
        public Dictionary<string, string> Parameters { get; }
        public string? Headers { get; }

        public string? Transport => Parameters.TryGetValue("transport", out var t) ? t : null;

        public static SipUri Create(string scheme, string? user, string host, int? port, IDictionary<string, string>? parameters = null) =>
            new SipUri(scheme, user, host, port, new Dictionary<string, string>(parameters ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase), null);

        public static bool TryParse(string? text, out SipUri uri)
        {
            uri = null!;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var t = text!.Trim();
            var colon = t.IndexOf(':');
            if (colon <= 0) return false;
            var scheme = t.Substring(0, colon).ToLowerInvariant();
            var rest = t.Substring(colon + 1);
            if (scheme == "tel")
            {
                // tel:+4930123;phone-context=... (RFC 3966): the number is the "user" a PBX compares.
                var semi = rest.IndexOf(';');
                var number = semi < 0 ? rest : rest.Substring(0, semi);
                if (number.Length == 0) return false;
                uri = new SipUri(scheme, Unescape(number), string.Empty, null,
                    semi < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : HeaderText.Parameters(rest.Substring(semi)), null);
                return true;
            }
            if (scheme != "sip" && scheme != "sips") return false;

            string? headers = null;
            var q = rest.IndexOf('?');
            if (q >= 0) { headers = rest.Substring(q + 1); rest = rest.Substring(0, q); }
            string? user = null;
            var at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                var userinfo = rest.Substring(0, at);
                var pw = userinfo.IndexOf(':');
                user = Unescape(pw < 0 ? userinfo : userinfo.Substring(0, pw));
                if (user.Length == 0) return false;
                rest = rest.Substring(at + 1);
            }
            var paramStart = rest.IndexOf(';');
            var hostport = paramStart < 0 ? rest : rest.Substring(0, paramStart);
            var parameters = paramStart < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : HeaderText.Parameters(rest.Substring(paramStart));
            if (!TrySplitHostPort(hostport, out var host, out var port)) return false;
            uri = new SipUri(scheme, user, host, port, parameters, headers);
            return true;
        }

        public static SipUri Parse(string text) =>
            TryParse(text, out var uri) ? uri : throw new SipParseException(SipParseException.BadUri, $"'{Shorten(text)}' is not a SIP URI.");

        /// <summary>host[:port] with IPv6 references in brackets (RFC 3261 section 25.1, hostport).</summary>
        public static bool TrySplitHostPort(string hostport, out string host, out int? port)
        {
            host = string.Empty;
            port = null;
            var hp = hostport.Trim();
            string portText;
            if (hp.StartsWith("[", StringComparison.Ordinal))
            {
                var close = hp.IndexOf(']');
                if (close < 0) return false;
                host = hp.Substring(0, close + 1);
                portText = hp.Substring(close + 1);
                if (portText.Length > 0 && portText[0] != ':') return false;
                portText = portText.Length > 0 ? portText.Substring(1) : string.Empty;
            }
            else
            {
                var c = hp.LastIndexOf(':');
                host = c < 0 ? hp : hp.Substring(0, c);
                portText = c < 0 ? string.Empty : hp.Substring(c + 1);
                if (c >= 0 && portText.Length == 0) return false;
            }
            if (host.Length == 0 || host.Any(ch => ch <= ' ' || ch == '<' || ch == '>' || ch == '"' || ch == '@')) return false;
            if (portText.Length > 0)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1 || p > 65535) return false;
                port = p;
            }
            return true;
        }

        /// <summary>%XX escapes in the user part (RFC 3261 section 19.1.2).</summary>
        private static string Unescape(string value)
        {
            try { return Uri.UnescapeDataString(value); }
            catch (UriFormatException) { return value; }
        }

        private static string Shorten(string? text) => text == null ? "" : text.Length > 80 ? text.Substring(0, 80) + "..." : text;

        public override string ToString()
        {
            if (Scheme == "tel") return "tel:" + User + string.Concat(Parameters.Select(p => ";" + p.Key + (p.Value.Length > 0 ? "=" + p.Value : "")));
            var s = Scheme + ":" + (User != null ? Uri.EscapeDataString(User).Replace("%2B", "+") + "@" : "") + Host + (Port is int p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");
            foreach (var kv in Parameters) s += ";" + kv.Key + (kv.Value.Length > 0 ? "=" + kv.Value : "");
            return Headers != null ? s + "?" + Headers : s;
        }
    }
}
