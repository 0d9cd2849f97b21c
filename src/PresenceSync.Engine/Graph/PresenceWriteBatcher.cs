using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// Gathers presence writes from many agents into Graph $batch requests of up to 20, so a shift
    /// start of 800 agents costs 40 round trips instead of 800. Each item still spends one unit of
    /// the presence budget (Graph throttles items one by one), and the SDK does not retry items
    /// answered 429 inside a 200 batch, so this does: after Retry-After, only those items.
    /// </summary>
    internal sealed class PresenceWriteBatcher : IDisposable
    {
        public const int MaxBatch = 20;
        private readonly GraphSession _session;
        private readonly RetryPolicy _retry;
        private readonly List<Pending> _queue = new List<Pending>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        public PresenceWriteBatcher(GraphSession session, RetryPolicy? retry = null)
        {
            _session = session;
            _retry = retry ?? new RetryPolicy();
            _loop = Task.Run(LoopAsync);
        }

        /// <summary>
        /// Queues one write; completes with the HTTP status Graph answered for it. The request is
        /// built anew for each attempt: a RequestInformation's body stream is consumed when sent.
        /// </summary>
        public Task<HttpStatusCode> SubmitAsync(Func<RequestInformation> request, CancellationToken ct)
        {
            var pending = new Pending(request);
            ct.Register(() => pending.Done.TrySetCanceled());
            lock (_queue) _queue.Add(pending);
            _signal.Release();
            return pending.Done.Task;
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try { await _signal.WaitAsync(_stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                // A short gather window lets writes decided in the same pass share a batch.
                try { await Task.Delay(15, _stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
                List<Pending> batch;
                lock (_queue)
                {
                    batch = _queue.Where(p => !p.Done.Task.IsCompleted).Take(MaxBatch).ToList();
                    _queue.RemoveAll(p => batch.Contains(p) || p.Done.Task.IsCompleted);
                    if (_queue.Count > 0) _signal.Release();
                }
                if (batch.Count > 0) await SendAsync(batch).ConfigureAwait(false);
            }
        }

        private async Task SendAsync(List<Pending> items)
        {
            for (var attempt = 0; items.Count > 0; attempt++)
            {
                try
                {
                    var content = new BatchRequestContentCollection(_session.Client);
                    var ids = new Dictionary<string, Pending>();
                    foreach (var item in items)
                    {
                        _session.Statistics.Waited(await _session.Budget.TakeAsync(_stop.Token).ConfigureAwait(false));
                        _session.Statistics.Request(presence: true);
                        ids[await content.AddBatchRequestStepAsync(item.Request()).ConfigureAwait(false)] = item;
                    }
                    var response = await _session.Client.Batch.PostAsync(content, _stop.Token).ConfigureAwait(false);
                    var statuses = await response.GetResponsesStatusCodesAsync().ConfigureAwait(false);
                    var throttled = new List<Pending>();
                    TimeSpan? retryAfter = null;
                    foreach (var pair in ids)
                    {
                        var (id, item) = (pair.Key, pair.Value);
                        var status = statuses.TryGetValue(id, out var s) ? s : HttpStatusCode.InternalServerError;
                        if ((int)status == 429 && attempt < _retry.MaxThrottleRetries)
                        {
                            _session.Statistics.Throttle();
                            using var itemResponse = await response.GetResponseByIdAsync(id).ConfigureAwait(false);
                            retryAfter = PacedRetryHandler.RetryAfter(itemResponse) ?? retryAfter;
                            throttled.Add(item);
                        }
                        else
                        {
                            item.Done.TrySetResult(status);
                        }
                    }
                    items = throttled;
                    if (items.Count == 0) return;
                    var delay = _retry.Delay(attempt, retryAfter);
                    _session.Statistics.Retry();
                    _session.Statistics.Waited(delay);
                    await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    foreach (var item in items) item.Done.TrySetException(ex);
                    return;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            lock (_queue) foreach (var p in _queue) p.Done.TrySetCanceled();
            _stop.Dispose();
        }

        private sealed class Pending
        {
            public Pending(Func<RequestInformation> request) => Request = request;

            public Func<RequestInformation> Request { get; }
            public TaskCompletionSource<HttpStatusCode> Done { get; } = new TaskCompletionSource<HttpStatusCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
