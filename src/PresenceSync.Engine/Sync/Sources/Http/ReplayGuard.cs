using System;
using System.Collections.Generic;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// Remembers what was already taken within the replay window: each signed request's signature
    /// and each ACD event id, so a request or event sent again (by an attacker, or by an ACD whose
    /// webhooks may repeat) is not applied twice. Bounded: the oldest entries go first.
    /// </summary>
    internal sealed class ReplayGuard
    {
        private readonly TimeSpan _window;
        private readonly int _capacity;
        private readonly Dictionary<string, DateTime> _seen = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly Queue<(string Key, DateTime At)> _order = new Queue<(string, DateTime)>();

        public ReplayGuard(TimeSpan window, int capacity = 200_000)
        {
            _window = window;
            _capacity = capacity;
        }

        /// <summary>Records the key; false when it was already seen within the window.</summary>
        public bool FirstTime(string key, DateTime now)
        {
            lock (_seen)
            {
                while (_order.Count > 0 && (_order.Peek().At + _window < now || _order.Count >= _capacity))
                {
                    var (old, at) = _order.Dequeue();
                    if (_seen.TryGetValue(old, out var stamp) && stamp == at) _seen.Remove(old);
                }
                if (_seen.TryGetValue(key, out var when) && when + _window >= now) return false;
                _seen[key] = now;
                _order.Enqueue((key, now));
                return true;
            }
        }
    }
}
