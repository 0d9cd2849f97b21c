using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>
    /// SIP over TCP (RFC 3261 section 18). Requests go on one connection to the server, opened when
    /// first needed and again after it closes; the server may send its NOTIFYs on that connection
    /// or open its own to the Contact, so this transport also listens (section 18.2.1). When the
    /// connection to the server closes (a restart), <see cref="ConnectionLost"/> tells the subscriptions.
    /// </summary>
    internal sealed class TcpSipTransport : ISipTransport
    {
        /// <summary>Inbound connections held at once; a flood beyond this is refused, not buffered.</summary>
        private const int MaxInbound = 64;

        private readonly TcpListener _listener;
        private readonly SipLimits _limits;
        private readonly TimeSpan _connectTimeout;
        private readonly Dictionary<IPEndPoint, TcpSipConnection> _outbound = new Dictionary<IPEndPoint, TcpSipConnection>();
        private readonly HashSet<TcpSipConnection> _inbound = new HashSet<TcpSipConnection>();
        private readonly SemaphoreSlim _connectLock = new SemaphoreSlim(1, 1);
        private int _disposed;

        public TcpSipTransport(IPEndPoint bind, SipLimits limits, TimeSpan connectTimeout)
        {
            _limits = limits;
            _connectTimeout = connectTimeout;
            _listener = new TcpListener(bind);
            _listener.Start(16);
            LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        }

        public string Name => "TCP";
        public IPEndPoint LocalEndPoint { get; }
        public bool Unreliable => false;

        public event Action<InboundMessage>? Received;
        public event Action<string, string, IPEndPoint?>? Refused;
        public event Action<IPEndPoint>? ConnectionLost;

        public void Start() => _ = Task.Run(AcceptLoop);

        private async Task AcceptLoop()
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
                {
                    if (Volatile.Read(ref _disposed) != 0) return;
                    continue;
                }
                lock (_inbound)
                {
                    if (_inbound.Count >= MaxInbound)
                    {
                        Refused?.Invoke(SipErrorIds.MalformedMessage, $"Refused a TCP connection from {client.Client.RemoteEndPoint}: {MaxInbound} are already open.", client.Client.RemoteEndPoint as IPEndPoint);
                        client.Dispose();
                        continue;
                    }
                    var connection = Wire(new TcpSipConnection(client, _limits));
                    connection.Lost += c => { lock (_inbound) _inbound.Remove(c); };
                    _inbound.Add(connection);
                    connection.Start();
                }
            }
        }

        private TcpSipConnection Wire(TcpSipConnection connection)
        {
            connection.Received += m => Received?.Invoke(m);
            connection.Refused += (id, detail, from) => Refused?.Invoke(id, detail, from);
            return connection;
        }

        public async Task SendAsync(SipMessage message, IPEndPoint remote, CancellationToken ct)
        {
            var connection = await ConnectionTo(remote, ct).ConfigureAwait(false);
            await connection.SendAsync(message, ct).ConfigureAwait(false);
        }

        private async Task<TcpSipConnection> ConnectionTo(IPEndPoint remote, CancellationToken ct)
        {
            await _connectLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                lock (_outbound) if (_outbound.TryGetValue(remote, out var open) && !open.Closed) return open;
                var client = new TcpClient(remote.AddressFamily);
                var connecting = client.ConnectAsync(remote.Address, remote.Port);
                if (await Task.WhenAny(connecting, Task.Delay(_connectTimeout, ct)).ConfigureAwait(false) != connecting || connecting.IsFaulted)
                {
                    client.Dispose();
                    ct.ThrowIfCancellationRequested();
                    throw new IOException($"Cannot connect to {remote} over TCP" + (connecting.Exception != null ? ": " + connecting.Exception.GetBaseException().Message : " in time."));
                }
                var connection = Wire(new TcpSipConnection(client, _limits));
                connection.Lost += c =>
                {
                    lock (_outbound) if (_outbound.TryGetValue(remote, out var current) && current == c) _outbound.Remove(remote);
                    if (Volatile.Read(ref _disposed) == 0) ConnectionLost?.Invoke(remote);
                };
                lock (_outbound) _outbound[remote] = connection;
                connection.Start();
                return connection;
            }
            finally
            {
                _connectLock.Release();
            }
        }

        /// <summary>RFC 3261 section 18.2.2: a response goes back on the connection the request came on.</summary>
        public Task ReplyAsync(SipResponse response, InboundMessage to, CancellationToken ct) =>
            to.Connection != null ? to.Connection.SendAsync(response, ct) : SendAsync(response, to.Remote, ct);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _listener.Stop();
            List<TcpSipConnection> all;
            lock (_outbound) all = new List<TcpSipConnection>(_outbound.Values);
            lock (_inbound) all.AddRange(_inbound);
            foreach (var c in all) c.Close();
        }
    }
}
