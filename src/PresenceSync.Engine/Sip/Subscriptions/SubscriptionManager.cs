using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Transport;
using PresenceSync.Engine.Sip.UserAgent;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>
    /// Finds the subscription a NOTIFY belongs to, by Call-ID and this client's tag (RFC 6665
    /// section 4.1.3, RFC 3261 section 12.2). A NOTIFY for no subscription is answered 481 and
    /// recorded as bad input, except for dialogs this client just left (their last NOTIFYs).
    /// A NOTIFY of another event package is answered 489 (RFC 6665 section 8.2.1).
    /// </summary>
    internal sealed class SubscriptionManager
    {
        private static readonly TimeSpan Linger = TimeSpan.FromSeconds(64);
        private readonly ConcurrentDictionary<string, DialogSubscription> _active = new ConcurrentDictionary<string, DialogSubscription>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, DateTime> _ended = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly string _event;

        public SubscriptionManager(SipUserAgent agent, string eventPackage)
        {
            _event = eventPackage;
            agent.NotifyHandler = Handle;
        }

        /// <summary>Bad input: error id, detail, sender.</summary>
        public event Action<string, string, IPEndPoint?>? Refused;

        public void Register(string key, DialogSubscription subscription) => _active[key] = subscription;

        public void Unregister(string key)
        {
            if (!_active.TryRemove(key, out _)) return;
            var now = DateTime.UtcNow;
            _ended[key] = now + Linger;
            if (_ended.Count > 4096)
                foreach (var old in _ended.Where(e => e.Value < now).Select(e => e.Key).ToList()) _ended.TryRemove(old, out _);
        }

        private SipResponse Handle(SipRequest notify, InboundMessage inbound)
        {
            var key = SubscriptionDialog.KeyOf(notify.CallId ?? string.Empty, notify.To.Tag);
            var eventHeader = notify.Headers.Get("Event");
            var package = eventHeader == null ? null : eventHeader.Split(';')[0].Trim();
            if (!string.Equals(package, _event, StringComparison.OrdinalIgnoreCase))
            {
                Refused?.Invoke(SipErrorIds.UnexpectedRequest, $"A NOTIFY from {inbound.Remote} is for event package '{package}', not '{_event}'; answered 489.", inbound.Remote);
                var bad = SipResponse.For(notify, 489, "Bad Event");
                bad.Headers.Add("Allow-Events", _event);
                return bad;
            }
            if (_active.TryGetValue(key, out var subscription)) return subscription.OnNotify(notify, inbound);
            if (!(_ended.TryGetValue(key, out var until) && until > DateTime.UtcNow))
                Refused?.Invoke(SipErrorIds.UnknownSubscription,
                    $"A NOTIFY from {inbound.Remote} names no subscription of this client (From {Short(notify.Headers.Get("From"))}); answered 481.", inbound.Remote);
            return SipResponse.For(notify, 481, "Subscription Does Not Exist");
        }

        private static string Short(string? text) => text == null ? "" : text.Length > 80 ? text.Substring(0, 80) + "..." : text;
    }
}
