using System;
using System.Net.Sockets;
using System.Threading;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>One client connection and what it is doing, so the endpoint can tell a slow client from a busy one.</summary>
    internal sealed class EndpointConnection : IDisposable
    {
        private int _closed;

        public EndpointConnection(TcpClient client, string address, long order)
        {
            Client = client;
            Address = address;
            Order = order;
        }

        public TcpClient Client { get; }
        public string Address { get; }

        /// <summary>Accept order: the oldest slow connection is the first to go when the endpoint is full.</summary>
        public long Order { get; }

        /// <summary>Idle or reading headers: such a connection may be closed to make room; one being served is never.</summary>
        public volatile bool Evictable = true;

        public bool Closed => Volatile.Read(ref _closed) != 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            try { Client.Client.LingerState = new LingerOption(true, 0); } catch (Exception) { }
            try { Client.Dispose(); } catch (Exception) { }
        }
    }
}
