using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Transport
{
    /// <summary>
    /// Non-INVITE client transactions (RFC 3261 section 17.1.2): a request waits for its final
    /// response, matched by the top Via branch and the CSeq method (section 17.1.3). Over UDP it
    /// is retransmitted by Timer E (T1, doubling up to T2; T2 once a provisional response came);
    /// Timer F (64*T1) ends the wait with no response, which callers treat as 408 (section 8.1.3.1).
    /// </summary>
    internal sealed class ClientTransactions
    {
        private readonly ISipTransport _transport;
        private readonly TimeSpan _t1;
        private readonly TimeSpan _t2;
        private readonly ConcurrentDictionary<string, Pending> _pending = new ConcurrentDictionary<string, Pending>(StringComparer.Ordinal);

        public ClientTransactions(ISipTransport transport, TimeSpan t1)
        {
            _transport = transport;
            _t1 = t1;
            _t2 = TimeSpan.FromTicks(Math.Max(t1.Ticks, TimeSpan.FromSeconds(4).Ticks * t1.Ticks / TimeSpan.FromMilliseconds(500).Ticks));
        }

        /// <summary>Timer F: how long a request waits for its final response.</summary>
        public TimeSpan Timeout => TimeSpan.FromTicks(_t1.Ticks * 64);

        /// <summary>The final response, or null when Timer F fired. A first send that fails (no TCP connection) throws IOException or SocketException.</summary>
        public async Task<SipResponse?> RequestAsync(SipRequest request, IPEndPoint to, CancellationToken ct)
        {
            var key = Key(request.TopVia?.Branch, request.CSeq.Method);
            var pending = new Pending();
            if (!_pending.TryAdd(key, pending)) throw new InvalidOperationException("A branch was used twice.");
            try
            {
                await _transport.SendAsync(request, to, ct).ConfigureAwait(false);
                var deadline = DateTime.UtcNow + Timeout;
                var interval = _t1;
                while (true)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return null;
                    var wait = _transport.Unreliable ? (interval < left ? interval : left) : left;
                    var delay = Task.Delay(wait, ct);
                    if (await Task.WhenAny(pending.Final.Task, delay).ConfigureAwait(false) == pending.Final.Task) return await pending.Final.Task.ConfigureAwait(false);
                    ct.ThrowIfCancellationRequested();
                    if (!_transport.Unreliable) continue;
                    interval = pending.Provisional ? _t2 : (interval + interval < _t2 ? interval + interval : _t2);
                    try
                    {
                        await _transport.SendAsync(request, to, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is System.IO.IOException || ex is System.Net.Sockets.SocketException)
                    {
                        // A lost retransmission is what Timer F is for.
                    }
                }
            }
            finally
            {
                _pending.TryRemove(key, out _);
            }
        }

        /// <summary>Hands a response to its transaction; false when none waits for it (a stray or late response, dropped per section 18.1.2).</summary>
        public bool Deliver(SipResponse response)
        {
            string key;
            try { key = Key(response.TopVia?.Branch, response.CSeq.Method); }
            catch (SipParseException) { return false; }
            if (!_pending.TryGetValue(key, out var pending)) return false;
            if (response.IsProvisional) pending.Provisional = true;
            else pending.Final.TrySetResult(response);
            return true;
        }

        private static string Key(string? branch, string method) => (branch ?? string.Empty) + "|" + method;

        private sealed class Pending
        {
            public TaskCompletionSource<SipResponse> Final { get; } = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            public volatile bool Provisional;
        }
    }
}
