using System;
using System.Collections.Generic;
using System.Linq;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// Bounds connections in all and per client address. When a bound is reached, the oldest
    /// connection that is idle or still sending its headers is closed to make room; a connection
    /// whose request is being served is never closed. So hundreds of clients that trickle their
    /// headers cannot lock out a client that sends a whole request.
    /// </summary>
    internal sealed class ConnectionTracker
    {
        private readonly int _max;
        private readonly int _maxPerClient;
        private readonly List<EndpointConnection> _open = new List<EndpointConnection>();
        private long _order;

        public ConnectionTracker(int max, int maxPerClient)
        {
            _max = max;
            _maxPerClient = maxPerClient;
        }

        public int Count
        {
            get { lock (_open) return _open.Count; }
        }

        public long NextOrder() => System.Threading.Interlocked.Increment(ref _order);

        /// <summary>Admits the connection, closing a slow one if needed; false when nothing could be closed.</summary>
        public bool Admit(EndpointConnection connection)
        {
            EndpointConnection? victim = null;
            lock (_open)
            {
                _open.RemoveAll(c => c.Closed);
                var mine = _open.Where(c => c.Address == connection.Address).ToList();
                if (mine.Count >= _maxPerClient) victim = Oldest(mine);
                else if (_open.Count >= _max) victim = Oldest(_open);
                else
                {
                    _open.Add(connection);
                    return true;
                }
                if (victim == null) return false;
                _open.Remove(victim);
                _open.Add(connection);
            }
            victim.Dispose();
            return true;
        }

        public void Remove(EndpointConnection connection)
        {
            lock (_open) _open.Remove(connection);
        }

        public void CloseAll()
        {
            List<EndpointConnection> all;
            lock (_open)
            {
                all = _open.ToList();
                _open.Clear();
            }
            foreach (var c in all) c.Dispose();
        }

        private static EndpointConnection? Oldest(IEnumerable<EndpointConnection> among) =>
            among.Where(c => c.Evictable && !c.Closed).OrderBy(c => c.Order).FirstOrDefault();
    }
}
