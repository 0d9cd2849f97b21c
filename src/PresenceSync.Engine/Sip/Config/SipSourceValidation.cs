using System;
using System.Collections;
using System.Net;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Source;

namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>Checks what an admin gives for a SIP source; each refusal names the value and how to write it.</summary>
    internal static class SipSourceValidation
    {
        /// <summary>"sip:host[:port][;transport=tcp]" or "host[:port]"; a transport given as a parameter wins over the URI's.</summary>
        public static (string Registrar, SipTransport Transport) Registrar(string value, SipTransport? transport)
        {
            var text = value.Trim();
            if (text.IndexOf(':') < 0 || !(text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)))
                text = "sip:" + text;
            if (!SipUri.TryParse(text, out var uri) || uri.Scheme == "tel")
                throw Fail(SipErrorIds.InvalidRegistrar, $"'{value}' is not a registrar address; write sip:pbx.example:5060 (or pbx.example:5060).", value);
            if (uri.Scheme == "sips")
                throw Fail(SipErrorIds.InvalidRegistrar, $"'{value}' asks for TLS (sips:), which this release does not offer; use sip: with -Transport Udp or Tcp.", value);
            if (uri.User != null)
                throw Fail(SipErrorIds.InvalidRegistrar, $"'{value}' names a user; the registrar is a server address (the user name goes in -Credential).", value);
            var fromUri = uri.Transport;
            SipTransport chosen;
            if (transport is SipTransport t) chosen = t;
            else if (fromUri == null || string.Equals(fromUri, "udp", StringComparison.OrdinalIgnoreCase)) chosen = SipTransport.Udp;
            else if (string.Equals(fromUri, "tcp", StringComparison.OrdinalIgnoreCase)) chosen = SipTransport.Tcp;
            else throw Fail(SipErrorIds.InvalidRegistrar, $"'{value}' asks for transport '{fromUri}'; this release speaks UDP and TCP.", value);
            return (SipUri.Create("sip", null, uri.Host, uri.Port ?? 5060).ToString(), chosen);
        }

        public static string Domain(string value)
        {
            var d = value.Trim();
            if (!SipUri.TrySplitHostPort(d, out _, out _) || d.IndexOf('@') >= 0 || d.IndexOf(';') >= 0)
                throw Fail(SipErrorIds.InvalidSipSetting, $"'{value}' is not a SIP domain (a host name, optionally with :port).", value);
            return d;
        }

        public static string UserName(string value)
        {
            var u = value.Trim();
            foreach (var ch in u)
                if (ch <= ' ' || ch == '@' || ch == ':' || ch == '<' || ch == '>' || ch == '"' || ch == ';' || ch > 126)
                    throw Fail(SipErrorIds.InvalidSipSetting, $"'{value}' cannot be a SIP user name (no spaces, '@', ':' or quotes).", value);
            if (u.Length == 0 || u.Length > 64) throw Fail(SipErrorIds.InvalidSipSetting, "The SIP user name must have 1 to 64 characters.", value);
            return u;
        }

        public static LineStateMap StateMap(IDictionary map)
        {
            try
            {
                return LineStateMap.From(map);
            }
            catch (ArgumentException ex)
            {
                throw Fail(SipErrorIds.InvalidStateMap, ex.Message + " Example: -StateMap @{ Ringing = 'Inbound'; OnCall = 'Inbound'; Dialing = '' }.", map);
            }
        }

        public static int Expires(int seconds) =>
            seconds >= 60 && seconds <= 86400 ? seconds
                : throw Fail(SipErrorIds.InvalidSipSetting, $"-Expires {seconds} is out of range: give 60 to 86400 seconds (the PBX may shorten it).", seconds);

        public static string ResourceList(string value) =>
            SipUri.TryParse(value.Trim(), out var uri) && uri.Scheme == "sip" && uri.User != null ? uri.ToString()
                : throw Fail(SipErrorIds.InvalidSipSetting, $"'{value}' is not a resource list URI (sip:agents@pbx.example).", value);

        public static string LocalAddress(string value) =>
            IPAddress.TryParse(value.Trim(), out var address) ? address.ToString()
                : throw Fail(SipErrorIds.InvalidSipSetting, $"'{value}' is not an IP address of this machine (the Contact the PBX sends NOTIFYs to).", value);

        public static int LocalPort(int port) =>
            port >= 0 && port <= 65535 ? port : throw Fail(SipErrorIds.InvalidSipSetting, $"-LocalPort {port} is not a port (0 picks a free one).", port);

        private static PresenceSyncException Fail(string errorId, string message, object? target) =>
            EngineContext.Fail(errorId, ErrorKind.InvalidArgument, message, target);
    }
}
