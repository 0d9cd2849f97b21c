using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// A small HTTP/1.1 server for the event endpoint, on plain sockets so that every limit is ours
    /// (HttpListener reads bodies whole and has no header deadlines off Windows): deadlines for the
    /// TLS handshake, the headers, the body and idle keep-alive; a body size checked before any of
    /// it is read; bounded connections and requests, per client and in all. Every connection is
    /// served on its own, so a slow client only ever holds itself up.
    /// </summary>
    internal sealed class EventEndpointServer
    {
        private const int BodyChunk = 64 * 1024;
        private readonly EventEndpointOptions _options;
        private readonly Func<EndpointRequest, Task<EndpointResponse>> _handle;
        private readonly ConnectionTracker _connections;
        private readonly ByteBudget _bodies;
        private readonly SemaphoreSlim _requests;
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _perClient = new ConcurrentDictionary<string, SemaphoreSlim>();

        public EventEndpointServer(EventEndpointOptions options, Func<EndpointRequest, Task<EndpointResponse>> handle)
        {
            _options = options;
            _handle = handle;
            _connections = new ConnectionTracker(options.MaxConnections, options.MaxConnectionsPerClient);
            _bodies = new ByteBudget(options.MaxBodyBytesInFlight);
            _requests = new SemaphoreSlim(options.MaxRequests);
        }

        /// <summary>Bytes of request bodies held right now (what the benchmark watches during an oversized POST).</summary>
        public long BodyBytesInFlight => _bodies.Used;
        public int Connections => _connections.Count;

        public async Task RunAsync(Action listening, CancellationToken ct)
        {
            var listener = new TcpListener(Address(), _options.Port);
            try
            {
                listener.Start(512);
            }
            catch (SocketException ex)
            {
                throw new PresenceSyncException(new EngineError(ErrorIds.EndpointUnavailable, ErrorKind.ResourceUnavailable,
                    $"The event endpoint cannot listen on {_options}: {ex.Message}", _options.ToString(),
                    "Choose a free port, or stop what holds this one."), ex);
            }
            listening();
            using var stop = ct.Register(() => listener.Stop());
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                    catch (Exception) when (ct.IsCancellationRequested) { return; }
                    catch (SocketException) { continue; } // one failed accept (the client gave up) is not the endpoint's end
                    var address = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "?";
                    var connection = new EndpointConnection(client, address, _connections.NextOrder());
                    if (!_connections.Admit(connection))
                    {
                        connection.Dispose();
                        continue;
                    }
                    _ = Task.Run(() => ServeAsync(connection, ct), CancellationToken.None);
                }
            }
            finally
            {
                listener.Stop();
                _connections.CloseAll();
            }
        }

        private IPAddress Address()
        {
            var a = _options.ListenAddress;
            if (a == "+" || a == "*" || a == "0.0.0.0") return IPAddress.Any;
            if (a == "::") return IPAddress.IPv6Any;
            if (IPAddress.TryParse(a, out var ip)) return ip;
            if (string.Equals(a, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
            return Dns.GetHostAddresses(a)[0];
        }

        private async Task ServeAsync(EndpointConnection connection, CancellationToken ct)
        {
            Stream? stream = null;
            try
            {
                stream = await OpenAsync(connection, ct).ConfigureAwait(false);
                var reader = new HttpConnectionReader(stream, _options.MaxHeaderBytes);
                while (!ct.IsCancellationRequested)
                {
                    connection.Evictable = true;
                    if (!await Within(_options.IdleTimeout, connection, ct, t => reader.WaitForRequestAsync(t)).ConfigureAwait(false)) return;
                    var head = await Within(_options.HeaderTimeout, connection, ct, t => reader.ReadHeadAsync(t)).ConfigureAwait(false);
                    // Still evictable while its body comes (AnswerAsync ends that once the body is in): 300
                    // connections that stall in their bodies must not lock out an ACD on the same address.
                    var received = DateTime.UtcNow;
                    var (response, keepAlive) = await AnswerAsync(connection, stream, reader, head, received, ct).ConfigureAwait(false);
                    var bytes = response.ToBytes(keepAlive);
                    await Within(_options.BodyTimeout, connection, ct, async t => { await stream.WriteAsync(bytes, 0, bytes.Length, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
                    if (response.Status == 413) await LingerAsync(connection, stream).ConfigureAwait(false);
                    if (!keepAlive) return;
                }
            }
            catch (HttpFault fault)
            {
                await TryWrite(connection, stream, EndpointResponse.Error(fault.Status, fault.Code, fault.Message)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is AuthenticationException)
            {
                // The client went away, was too slow, or failed the TLS handshake: only its own connection ends.
            }
            finally
            {
                _connections.Remove(connection);
                connection.Dispose();
            }
        }

        private async Task<Stream> OpenAsync(EndpointConnection connection, CancellationToken ct)
        {
            var network = connection.Client.GetStream();
            if (_options.Certificate == null) return network;
            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            await Within(_options.TlsHandshakeTimeout, connection, ct, async t =>
            {
                await tls.AuthenticateAsServerAsync(_options.Certificate, false, SslProtocols.Tls12, false).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return tls;
        }

        private async Task<(EndpointResponse Response, bool KeepAlive)> AnswerAsync(EndpointConnection connection, Stream stream,
            HttpConnectionReader reader, HttpRequestHead head, DateTime received, CancellationToken ct)
        {
            var length = head.ContentLength;
            if (length > _options.MaxBodyBytes)
                return (EndpointResponse.Error(413, "BodyTooLarge", $"A request body may have at most {_options.MaxBodyBytes} bytes; split the events into several requests."), false);
            // The body is read before a request slot is taken: the slots bound the handling, not the
            // wait for a body. Otherwise 32 connections from one address that send headers and then
            // stall held every slot of that address (an ACD behind the same NAT, or on the same host)
            // until their body deadline, and its signed events got 503. Bodies being read are bounded
            // by the byte budget and the connection limits, and a stalled one ends at its deadline.
            var reserved = 0L;
            try
            {
                if (head.ExpectsContinue && length > 0)
                {
                    var go = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
                    await stream.WriteAsync(go, 0, go.Length, ct).ConfigureAwait(false);
                }
                var body = await Within(_options.BodyTimeout, connection, ct, async t =>
                {
                    var parts = new MemoryStream();
                    for (var left = (int)length; left > 0;)
                    {
                        var chunk = Math.Min(BodyChunk, left);
                        if (!await _bodies.ReserveAsync(chunk, t).ConfigureAwait(false)) throw new OperationCanceledException();
                        reserved += chunk;
                        var bytes = await reader.ReadBodyAsync(chunk, t).ConfigureAwait(false);
                        parts.Write(bytes, 0, bytes.Length);
                        left -= chunk;
                    }
                    return parts.ToArray();
                }).ConfigureAwait(false);
                connection.Evictable = false; // the request is being served: never closed to make room
                var perClient = _perClient.GetOrAdd(connection.Address, _ => new SemaphoreSlim(_options.MaxRequestsPerClient));
                if (!await perClient.WaitAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false))
                    return (EndpointResponse.Error(503, "TooManyRequests", "This client has too many requests in progress; try again shortly.", 1), false);
                try
                {
                    if (!await _requests.WaitAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false))
                        return (EndpointResponse.Error(503, "TooManyRequests", "The endpoint is busy; try again shortly.", 1), false);
                    try
                    {
                        var request = new EndpointRequest(head.Method, head.Target, head.Headers, body, connection.Address, received);
                        return (await _handle(request).ConfigureAwait(false), head.KeepAlive);
                    }
                    finally
                    {
                        _requests.Release();
                    }
                }
                finally
                {
                    perClient.Release();
                }
            }
            finally
            {
                _bodies.Release(reserved);
            }
        }

        /// <summary>
        /// After a 413 sent while the client is still sending its body: closing at once with unread
        /// bytes resets the connection, and the client may lose the answer before reading it (an
        /// HttpClient saw "Error while copying content" instead of 413). So the sending half is closed
        /// and what still comes is discarded for a moment, bounded in time and bytes, never kept: a
        /// client a few MB over the limit gets its 413; one that sends 200 MB is cut off after 64.
        /// </summary>
        private static async Task LingerAsync(EndpointConnection connection, Stream stream)
        {
            try
            {
                connection.Client.Client.Shutdown(SocketShutdown.Send);
                var discard = new byte[16 * 1024];
                await Within(TimeSpan.FromSeconds(3), connection, CancellationToken.None, async t =>
                {
                    for (var drained = 0L; drained < 64L * 1024 * 1024;)
                    {
                        var read = await stream.ReadAsync(discard, 0, discard.Length, t).ConfigureAwait(false);
                        if (read == 0) break;
                        drained += read;
                    }
                    return true;
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
            }
        }

        /// <summary>Runs one step under a deadline; a step that overruns closes the connection, which ends any read or write at once.</summary>
        private static async Task<T> Within<T>(TimeSpan limit, EndpointConnection connection, CancellationToken ct, Func<CancellationToken, Task<T>> step)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(limit);
            using var close = deadline.Token.Register(connection.Dispose);
            return await step(deadline.Token).ConfigureAwait(false);
        }

        private static async Task TryWrite(EndpointConnection connection, Stream? stream, EndpointResponse response)
        {
            if (stream == null || connection.Closed) return;
            try
            {
                var bytes = response.ToBytes(keepAlive: false);
                await Within(TimeSpan.FromSeconds(2), connection, CancellationToken.None,
                    async t => { await stream.WriteAsync(bytes, 0, bytes.Length, t).ConfigureAwait(false); return true; }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
            }
        }
    }
}
