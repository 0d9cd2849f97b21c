using System;
using System.Threading;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// Counts requests refused for their signature and tells of them at a bounded rate: the first
    /// at once, then one summary a minute. A flood of forged requests costs a counter, not a store
    /// row and a warning each.
    /// </summary>
    internal sealed class RefusalLog
    {
        private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
        private readonly Action<string, int> _report;
        private readonly object _gate = new object();
        private DateTime _lastReport = DateTime.MinValue;
        private int _unreported;
        private long _total;

        /// <param name="report">Called with the latest reason and how many requests it sums up.</param>
        public RefusalLog(Action<string, int> report) => _report = report;

        public long Total => Interlocked.Read(ref _total);

        public void Refused(string reason, DateTime now)
        {
            Interlocked.Increment(ref _total);
            int count;
            lock (_gate)
            {
                _unreported++;
                if (now - _lastReport < Every) return;
                count = _unreported;
                _unreported = 0;
                _lastReport = now;
            }
            _report(reason, count);
        }
    }
}
