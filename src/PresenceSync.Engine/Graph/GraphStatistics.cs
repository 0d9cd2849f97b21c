using System;
using System.Threading;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Counters of one app's Graph traffic in this process: what the status and benchmark
    /// commands report. Updated from any thread.
    /// </summary>
    public sealed class GraphStatistics
    {
        private long _requests, _presenceRequests, _retries, _throttled, _serverErrors, _waitTicks;

        public long Requests => Interlocked.Read(ref _requests);
        public long PresenceRequests => Interlocked.Read(ref _presenceRequests);
        public long Retries => Interlocked.Read(ref _retries);

        /// <summary>429 answers received (each one is then waited out and retried).</summary>
        public long Throttled => Interlocked.Read(ref _throttled);
        public long ServerErrors => Interlocked.Read(ref _serverErrors);

        /// <summary>Time spent waiting: pacing under the budget plus Retry-After and backoff.</summary>
        public TimeSpan WaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

        internal void Request(bool presence)
        {
            Interlocked.Increment(ref _requests);
            if (presence) Interlocked.Increment(ref _presenceRequests);
        }

        internal void Retry() => Interlocked.Increment(ref _retries);
        internal void Throttle() => Interlocked.Increment(ref _throttled);
        internal void ServerError() => Interlocked.Increment(ref _serverErrors);
        internal void Waited(TimeSpan time) => Interlocked.Add(ref _waitTicks, time.Ticks);

        public override string ToString() =>
            $"{Requests} requests ({PresenceRequests} presence), {Retries} retries, {Throttled} throttled, {ServerErrors} server errors, waited {WaitTime.TotalSeconds:0.0} s";
    }
}
