using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>
    /// SIP over UDP (RFC 3261 section 18.1 and 18.2): one socket for sending and receiving, so the
    /// server's responses (sent to the source port, RFC 3581 rport) and its NOTIFYs (sent to the
    /// Contact) arrive on the same port. One datagram is one message (section 18.3).
    /// </summary>
    internal sealed class UdpSipTransport : ISipTransport
    {
        private readonly UdpClient _socket;
        private readonly SipLimits _limits;
        private int _disposed;

        public UdpSipTransport(IPEndPoint bind, SipLimits limits)
        {
            _limits = limits;
            _socket = new UdpClient(bind.AddressFamily);
            _socket.Client.Bind(bind);
            LocalEndPoint = (IPEndPoint)_socket.Client.LocalEndPoint!;
        }

        public string Name => "UDP";
        public IPEndPoint LocalEndPoint { get; }
        public bool Unreliable => true;

        public event Action<InboundMessage>? Received;
        public event Action<string, string, IPEndPoint?>? Refused;
        public event Action<IPEndPoint>? ConnectionLost { add { } remove { } }

        public void Start() => _ = Task.Run(ReceiveLoop);

        private async Task ReceiveLoop()
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                UdpReceiveResult datagram;
                try
                {
                    datagram = await _socket.ReceiveAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) when (Volatile.Read(ref _disposed) == 0)
                {
                    // ICMP port unreachable from an earlier send (Windows reports it on the next receive): not fatal.
                    continue;
                }
                catch (SocketException) { return; }
                Deliver(datagram.Buffer, datagram.RemoteEndPoint);
            }
        }

        private void Deliver(byte[] data, IPEndPoint from)
        {
            SipMessage message;
            try
            {
                // A datagram of only CRLFs is a keep-alive (RFC 5626 section 3.5.1); nothing to answer on UDP.
                if (SipParser.SkipLeadingLineBreaks(data, 0, data.Length) == data.Length) return;
                message = SipParser.Parse(data, 0, data.Length, _limits);
            }
            catch (SipParseException ex)
            {
                Refused?.Invoke(SipErrorIds.MalformedMessage, $"A datagram of {data.Length} bytes from {from} is not a SIP message ({ex.Kind}): {ex.Message}", from);
                return;
            }
            Received?.Invoke(new InboundMessage(message, from, null, DateTime.UtcNow));
        }

        public Task SendAsync(SipMessage message, IPEndPoint remote, CancellationToken ct)
        {
            var bytes = SipWriter.Write(message);
            return _socket.SendAsync(bytes, bytes.Length, remote);
        }

        /// <summary>RFC 3261 section 18.2.2 with RFC 3581: the response goes to the address and port the request came from.</summary>
        public Task ReplyAsync(SipResponse response, InboundMessage to, CancellationToken ct) => SendAsync(response, to.Remote, ct);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _socket.Dispose();
        }
    }
}
