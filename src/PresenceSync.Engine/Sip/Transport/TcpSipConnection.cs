using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>
    /// One TCP connection carrying SIP (RFC 3261 section 18.3): messages are framed by the empty
    /// line after the header fields and by Content-Length, which a stream must carry. A frame
    /// that cannot be read closes the connection: after it, nothing on the stream can be trusted
    /// to start at a message boundary.
    /// </summary>
    internal sealed class TcpSipConnection : IDisposable
    {
        /// <summary>A body larger than this is not even skipped: the connection is closed instead.</summary>
        private const int MaxSkippedBody = 4 * 1024 * 1024;

        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly SipLimits _limits;
        private readonly SemaphoreSlim _writeLock = new SemaphoreSlim(1, 1);
        private int _closed;

        public TcpSipConnection(TcpClient client, SipLimits limits)
        {
            _client = client;
            _client.NoDelay = true;
            _stream = client.GetStream();
            _limits = limits;
            Remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        }

        public IPEndPoint Remote { get; }
        public bool Closed => Volatile.Read(ref _closed) != 0;

        public event Action<InboundMessage>? Received;
        public event Action<string, string, IPEndPoint?>? Refused;
        public event Action<TcpSipConnection>? Lost;

        public void Start() => _ = Task.Run(ReadLoop);

        private async Task ReadLoop()
        {
            var buffer = new byte[_limits.MaxHeaderBytes + _limits.MaxBodyBytes + 8];
            var filled = 0;
            try
            {
                while (!Closed)
                {
                    var read = await _stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
                    if (read == 0) break;
                    filled += read;
                    filled = await Drain(buffer, filled).ConfigureAwait(false);
                    if (filled < 0) break;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
            {
                // The peer went away; Lost tells the owner.
            }
            Close();
        }

        /// <summary>Takes every complete message off the front of the buffer; returns what is left, or -1 to close.</summary>
        private async Task<int> Drain(byte[] buffer, int filled)
        {
            var start = 0;
            while (true)
            {
                var first = SipParser.SkipLeadingLineBreaks(buffer, start, filled);
                if (first > start)
                {
                    // A double CRLF is a keep-alive ping; the answer is a single CRLF pong (RFC 5626 section 4.4.1).
                    if (first - start >= 4) await WriteRaw(new[] { (byte)'\r', (byte)'\n' }).ConfigureAwait(false);
                    start = first;
                }
                if (start == filled) return 0;
                SipMessage head;
                int headerEnd;
                int length;
                try
                {
                    headerEnd = SipParser.FindHeaderEnd(buffer, start, filled - start, _limits);
                    if (headerEnd < 0) break;
                    head = SipParser.ParseHead(buffer, start, headerEnd - start, _limits);
                    length = SipParser.DeclaredLength(head, streamed: true) ?? 0;
                }
                catch (SipParseException ex)
                {
                    Refused?.Invoke(SipErrorIds.MalformedMessage, $"A message on the TCP connection from {Remote} is not a SIP message ({ex.Kind}): {ex.Message}; the connection is closed.", Remote);
                    return -1;
                }
                if (length > _limits.MaxBodyBytes)
                {
                    if (length > MaxSkippedBody)
                    {
                        Refused?.Invoke(SipErrorIds.MessageTooLarge, $"A message from {Remote} announces a body of {length} bytes; the connection is closed.", Remote);
                        return -1;
                    }
                    if (!await Skip(buffer, headerEnd, filled, length).ConfigureAwait(false)) return -1;
                    head.BodyTooLarge = true;
                    Received?.Invoke(new InboundMessage(head, Remote, this, DateTime.UtcNow));
                    return 0;
                }
                if (filled - headerEnd < length)
                {
                    if (start > 0) break;
                    return filled;
                }
                var message = SipParser.ParseFrame(buffer, start, headerEnd - start, length, _limits);
                Received?.Invoke(new InboundMessage(message, Remote, this, DateTime.UtcNow));
                start = headerEnd + length;
            }
            if (start == 0) return filled;
            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            return filled - start;
        }

        /// <summary>Reads and drops an oversized body, so the next message still starts where it should.</summary>
        private async Task<bool> Skip(byte[] buffer, int bodyStart, int filled, int length)
        {
            var remaining = length - (filled - bodyStart);
            if (remaining < 0) return false; // more than this body is buffered: stop trusting the stream.
            while (remaining > 0)
            {
                var read = await _stream.ReadAsync(buffer, 0, Math.Min(buffer.Length, remaining)).ConfigureAwait(false);
                if (read == 0) return false;
                remaining -= read;
            }
            return true;
        }

        public async Task SendAsync(SipMessage message, CancellationToken ct) => await WriteRaw(SipWriter.Write(message), ct).ConfigureAwait(false);

        private async Task WriteRaw(byte[] bytes, CancellationToken ct = default)
        {
            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is SocketException)
            {
                Close();
                throw new IOException($"The TCP connection to {Remote} is closed.", ex);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            try { _client.Dispose(); } catch (ObjectDisposedException) { }
            Lost?.Invoke(this);
        }

        public void Dispose() => Close();
    }
}
