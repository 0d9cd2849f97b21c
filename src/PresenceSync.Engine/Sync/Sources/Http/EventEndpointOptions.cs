using System;
using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// Where the event endpoint listens and the limits that keep a hostile or broken client from
    /// holding it up. Every limit is checked before the work it guards (a body's size before it is
    /// read, a signature before it is parsed).
    /// </summary>
    public sealed class EventEndpointOptions
    {
        /// <summary>127.0.0.1 (this machine only), a host name or address, or + / * for every address.</summary>
        public string ListenAddress { get; set; } = "127.0.0.1";
        public int Port { get; set; }

        /// <summary>With a certificate (and its private key) the endpoint speaks HTTPS only.</summary>
        public X509Certificate2? Certificate { get; set; }

        public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
        public int MaxHeaderBytes { get; set; } = 16 * 1024;

        /// <summary>Bodies being read or handled at once, in bytes: what unsigned junk can cost in memory at most.</summary>
        public long MaxBodyBytesInFlight { get; set; } = 64L * 1024 * 1024;

        /// <summary>From the first byte of a request to the end of its headers; a client that trickles is cut off.</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(5);
        public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a kept-alive connection may wait for its next request.</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(15);
        public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        public int MaxConnections { get; set; } = 1024;

        /// <summary>
        /// 768, not 256: an ACD that opens 500 connections at once (which the endpoint served
        /// before it had limits) lost the newest ones to eviction; a quarter of the connections
        /// stays free for other clients.
        /// </summary>
        public int MaxConnectionsPerClient { get; set; } = 768;

        /// <summary>Requests handled at once (after their headers), in all and per client address.</summary>
        public int MaxRequests { get; set; } = 128;
        public int MaxRequestsPerClient { get; set; } = 32;

        /// <summary>A signed request's timestamp must be this close to now; the same request is refused again within it.</summary>
        public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromMinutes(5);

        public string Scheme => Certificate != null ? "https" : "http";

        public override string ToString() => $"{Scheme}://{ListenAddress}:{Port}/";
    }
}
