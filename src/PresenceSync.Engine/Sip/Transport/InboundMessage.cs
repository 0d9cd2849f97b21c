using System;
using System.Net;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>A message as it came off the wire: where from, on which connection (streams), and when.</summary>
    internal sealed class InboundMessage
    {
        public InboundMessage(SipMessage message, IPEndPoint remote, TcpSipConnection? connection, DateTime receivedUtc)
        {
            Message = message;
            Remote = remote;
            Connection = connection;
            ReceivedUtc = receivedUtc;
        }

        public SipMessage Message { get; }
        public IPEndPoint Remote { get; }

        /// <summary>The stream it came on; a response goes back on it (RFC 3261 section 18.2.2). Null for UDP.</summary>
        public TcpSipConnection? Connection { get; }

        public DateTime ReceivedUtc { get; }
    }
}
