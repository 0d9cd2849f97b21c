using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Paces presence requests under Graph's per-app, per-tenant budget (1,500 per 30 s by default)
    /// so the sync waits a little instead of running into 429s. A sliding window of the start
    /// times of the requests sent; a request that would exceed it waits for the oldest to age out.
    /// </summary>
    public sealed class PresenceBudget
    {
        public const int DefaultRequests = 1500;
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Graph counts a request when it arrives, this budget when it leaves: a request that leaves
        /// just as an old one ages out here could still find the old one in Graph's window. The
        /// margin keeps the two windows apart, at a cost of under 2 % of the budget.
        /// </summary>
        public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

        private readonly Queue<DateTime> _sent = new Queue<DateTime>();
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

        public PresenceBudget(int requests = DefaultRequests, TimeSpan? window = null)
        {
            if (requests <= 0) throw new ArgumentOutOfRangeException(nameof(requests));
            Requests = requests;
            Window = window ?? DefaultWindow;
        }

        public int Requests { get; }
        public TimeSpan Window { get; }

        /// <summary>Requests sent within the current window.</summary>
        public int Used
        {
            get
            {
                lock (_sent) { Expire(DateTime.UtcNow); return _sent.Count; }
            }
        }

        /// <summary>Waits until one more request fits in the window; returns how long it waited.</summary>
        public async Task<TimeSpan> TakeAsync(CancellationToken cancellation)
        {
            var waited = TimeSpan.Zero;
            await _gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    TimeSpan delay;
                    lock (_sent)
                    {
                        var now = DateTime.UtcNow;
                        Expire(now);
                        if (_sent.Count < Requests)
                        {
                            _sent.Enqueue(now);
                            return waited;
                        }
                        delay = _sent.Peek() + Window + Margin - now;
                    }
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, cancellation).ConfigureAwait(false);
                        waited += delay;
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Takes one request's worth of budget if it is there now, without waiting.</summary>
        public bool TryTake()
        {
            lock (_sent)
            {
                var now = DateTime.UtcNow;
                Expire(now);
                if (_sent.Count >= Requests) return false;
                _sent.Enqueue(now);
                return true;
            }
        }

        private void Expire(DateTime now)
        {
            while (_sent.Count > 0 && _sent.Peek() + Window + Margin <= now) _sent.Dequeue();
        }
    }
}
