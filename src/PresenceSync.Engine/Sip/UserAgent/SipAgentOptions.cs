using System;
using System.Net;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.UserAgent
{
    /// <summary>How one user agent reaches its server and presents itself.</summary>
    internal sealed class SipAgentOptions
    {
        public bool Tcp { get; set; }

        /// <summary>Where requests go: the PBX's registrar / presence server (an outbound proxy in RFC 3261 terms).</summary>
        public IPEndPoint Server { get; set; } = new IPEndPoint(IPAddress.Loopback, 5060);

        /// <summary>The SIP domain of the extensions and of this client's From (RFC 3261 section 8.1.1.3).</summary>
        public string Domain { get; set; } = "localhost";

        public string UserName { get; set; } = "presencesync";

        /// <summary>Null: no digest credentials (the server does not challenge).</summary>
        public string? Password { get; set; }

        /// <summary>The address in Contact and Via; null = the address this host uses to reach the server.</summary>
        public IPAddress? LocalAddress { get; set; }

        public int LocalPort { get; set; }

        /// <summary>RFC 3261 section 17.1.1.1: the round-trip estimate, 500 ms; Timer F is 64 times it.</summary>
        public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

        public SipLimits Limits { get; set; } = SipLimits.Default;

        public string UserAgentHeader { get; set; } = "PresenceSync";
    }
}
