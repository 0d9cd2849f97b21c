using System;
using System.Collections.Concurrent;
using System.Linq;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.UserAgent
{
    /// <summary>
    /// The non-INVITE server transaction's memory (RFC 3261 section 17.2.2): a retransmitted
    /// request (same branch, same method) gets the response already sent, without being processed
    /// again, for Timer J (64*T1). Bounded, so a flood of distinct branches cannot grow it for ever.
    /// </summary>
    internal sealed class ResponseCache
    {
        private const int MaxEntries = 20000;
        private readonly ConcurrentDictionary<string, (SipResponse Response, DateTime Until)> _entries =
            new ConcurrentDictionary<string, (SipResponse, DateTime)>(StringComparer.Ordinal);
        private readonly TimeSpan _lifetime;

        public ResponseCache(TimeSpan lifetime) => _lifetime = lifetime;

        public static string? Key(SipRequest request)
        {
            var branch = request.TopVia?.Branch;
            return branch == null ? null : branch + "|" + request.Method + "|" + request.CallId;
        }

        public SipResponse? Find(string key) =>
            _entries.TryGetValue(key, out var entry) && entry.Until > DateTime.UtcNow ? entry.Response : null;

        public void Add(string key, SipResponse response)
        {
            var now = DateTime.UtcNow;
            if (_entries.Count >= MaxEntries)
            {
                foreach (var old in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList()) _entries.TryRemove(old, out _);
                if (_entries.Count >= MaxEntries) return;
            }
            _entries[key] = (response, now + _lifetime);
        }
    }
}
