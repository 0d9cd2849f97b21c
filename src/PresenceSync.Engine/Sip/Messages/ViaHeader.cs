using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// One Via value (RFC 3261 section 20.42): "SIP/2.0/UDP host:port;branch=z9hG4bK...;rport".
    /// The branch names the transaction (section 17.1.3); received and rport (RFC 3581) say
    /// where the request really came from.
    /// </summary>
    internal sealed class ViaHeader
    {
        /// <summary>RFC 3261 section 8.1.1.7: branches that start with this cookie are unique per transaction.</summary>
        public const string MagicCookie = "z9hG4bK";

        private ViaHeader(string transport, string host, int? port, Dictionary<string, string> parameters)
        {
            Transport = transport;
            Host = host;
            Port = port;
            Parameters = parameters;
        }

        public string Transport { get; }
        public string Host { get; }
        public int? Port { get; }
        public Dictionary<string, string> Parameters { get; }

        public string? Branch => Parameters.TryGetValue("branch", out var b) && b.Length > 0 ? b : null;

        public static ViaHeader Parse(string value)
        {
            var v = value.Trim();
            var space = v.IndexOfAny(new[] { ' ', '\t' });
            if (space < 0) throw new SipParseException(SipParseException.BadHeader, "Via has no sent-by.");
            var protocol = v.Substring(0, space).Replace(" ", string.Empty).Split('/');
            if (protocol.Length != 3 || !string.Equals(protocol[0].Trim(), "SIP", StringComparison.OrdinalIgnoreCase) || protocol[1].Trim() != "2.0"
                || !HeaderText.IsToken(protocol[2].Trim()))
                throw new SipParseException(SipParseException.BadHeader, "Via does not start with SIP/2.0/<transport>.");
            var rest = v.Substring(space).Trim();
            var semi = rest.IndexOf(';');
            var sentBy = semi < 0 ? rest : rest.Substring(0, semi);
            if (!SipUri.TrySplitHostPort(sentBy, out var host, out var port))
                throw new SipParseException(SipParseException.BadHeader, "Via has a bad sent-by.");
            return new ViaHeader(protocol[2].Trim().ToUpperInvariant(), host, port,
                semi < 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : HeaderText.Parameters(rest.Substring(semi)));
        }
    }
}
