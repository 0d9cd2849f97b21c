using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// One app's writer: takes the best waiting writes as fast as the app's budget allows, sends up
    /// to 20 in one call, a few calls at a time, and hands each outcome back. Budget is taken before
    /// jobs leave the queue, so a write made obsolete while the budget is spent is still dropped.
    /// A 429 pauses the app for its Retry-After and puts the item back in its place.
    /// </summary>
    internal sealed class WriteScheduler
    {
        private const int MaxCallsInFlight = 4;
        private readonly ITeamsPresenceWriter _writer;
        private readonly Action<WriteJob, TeamsWriteOutcome, DateTime> _done;
        private readonly RetryPolicy _retry;
        private readonly WriteQueue _queue = new WriteQueue();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly SemaphoreSlim _calls = new SemaphoreSlim(MaxCallsInFlight);
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        private readonly List<Task> _sending = new List<Task>();
        private DateTime _pausedUntil = DateTime.MinValue;
        private int _throttledInARow;
        private long _written;

        public WriteScheduler(ITeamsPresenceWriter writer, Action<WriteJob, TeamsWriteOutcome, DateTime> done, RetryPolicy? retry = null)
        {
            _writer = writer;
            _done = done;
            _retry = retry ?? new RetryPolicy();
        }

        public string ClientId => _writer.ClientId;
        public ITeamsPresenceWriter Writer => _writer;
        public int QueueLength => _queue.Count;
        public TimeSpan OldestWait => _queue.OldestWait(DateTime.UtcNow);
        public long Written => Interlocked.Read(ref _written);

        public bool Busy
        {
            get { lock (_sending) return _queue.Count > 0 || _sending.Any(t => !t.IsCompleted); }
        }

        public void Enqueue(WriteJob job)
        {
            _queue.Add(job, DateTime.UtcNow);
            _signal.Release();
        }

        /// <summary>Drops a job that has not been taken for sending; false when it is already on its way.</summary>
        public bool TryCancel(WriteJob job) => _queue.TryRemove(job);

        /// <summary>Sends until <paramref name="ct"/> ends; then takes nothing new (see <see cref="DrainAsync"/>).</summary>
        public async Task RunAsync(CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await _signal.WaitAsync(ct).ConfigureAwait(false);
                    while (_queue.Count > 0 && !ct.IsCancellationRequested)
                    {
                        var pause = _pausedUntil - DateTime.UtcNow;
                        if (pause > TimeSpan.Zero) await Task.Delay(pause, ct).ConfigureAwait(false);
                        await _calls.WaitAsync(ct).ConfigureAwait(false);
                        var jobs = await TakeWithinBudgetAsync(ct).ConfigureAwait(false);
                        if (jobs.Count == 0)
                        {
                            _calls.Release();
                            continue;
                        }
                        lock (_sending)
                        {
                            _sending.RemoveAll(t => t.IsCompleted);
                            _sending.Add(SendAsync(jobs));
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        /// <summary>Waits for the calls already made (each has its own deadline); then gives up on the rest.</summary>
        public async Task DrainAsync(TimeSpan limit)
        {
            Task[] pending;
            lock (_sending) pending = _sending.ToArray();
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(limit)).ConfigureAwait(false);
            _abort.Cancel();
        }

        private async Task<List<WriteJob>> TakeWithinBudgetAsync(CancellationToken ct)
        {
            _writer.Statistics.Waited(await _writer.Budget.TakeAsync(ct).ConfigureAwait(false));
            var tokens = 1;
            var wanted = Math.Min(_writer.MaxWritesPerCall, _queue.Count);
            while (tokens < wanted && _writer.Budget.TryTake()) tokens++;
            var jobs = _queue.Take(tokens);
            // Tokens taken for jobs that were dropped meanwhile stay spent: the window forgets them in 30 s.
            return jobs;
        }

        private async Task SendAsync(List<WriteJob> jobs)
        {
            try
            {
                var outcomes = await _writer.SendAsync(jobs.Select(j => j.Write).ToList(), _abort.Token).ConfigureAwait(false);
                var now = DateTime.UtcNow;
                TimeSpan? retryAfter = null;
                for (var i = 0; i < jobs.Count; i++)
                {
                    var outcome = outcomes[i];
                    if (outcome.Throttled && _throttledInARow < _retry.MaxThrottleRetries)
                    {
                        retryAfter = outcome.RetryAfter ?? retryAfter;
                        _queue.Add(jobs[i], now); // keeps its place in the queue
                        continue;
                    }
                    if (outcome.ErrorId == null) Interlocked.Increment(ref _written);
                    _done(jobs[i], outcome, now);
                }
                if (outcomes.Any(o => o.Throttled))
                {
                    var delay = _retry.Delay(_throttledInARow++, retryAfter);
                    _writer.Statistics.Retry();
                    _writer.Statistics.Waited(delay);
                    _pausedUntil = now + delay;
                    _signal.Release();
                }
                else
                {
                    _throttledInARow = 0;
                }
            }
            catch (OperationCanceledException)
            {
                // Abandoned at shutdown: the announced writes stay pending in the store and the next run settles them.
            }
            finally
            {
                _calls.Release();
            }
        }
    }
}
