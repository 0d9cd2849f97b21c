using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>
    /// The transport layer of RFC 3261 section 18: sends requests to the server, answers requests
    /// on the path they came, and hands every well-formed message it receives up. Input it cannot
    /// parse never leaves this layer as an exception: it is reported through <see cref="Refused"/>.
    /// </summary>
    internal interface ISipTransport : IDisposable
    {
        /// <summary>"UDP" or "TCP", as written in Via and in the Contact's transport parameter.</summary>
        string Name { get; }

        /// <summary>Where the server reaches this client: the Contact's host and port.</summary>
        IPEndPoint LocalEndPoint { get; }

        /// <summary>True for UDP: requests are retransmitted until answered (RFC 3261 section 17.1.2.2).</summary>
        bool Unreliable { get; }

        void Start();

        Task SendAsync(SipMessage message, IPEndPoint remote, CancellationToken ct);

        Task ReplyAsync(SipResponse response, InboundMessage to, CancellationToken ct);

        event Action<InboundMessage> Received;

        /// <summary>Input that was not a SIP message (an error id from SipErrorIds, a detail, the sender).</summary>
        event Action<string, string, IPEndPoint?> Refused;

        /// <summary>A stream to the server closed: subscriptions on it must be made again.</summary>
        event Action<IPEndPoint> ConnectionLost;
    }
}
