using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Sync.Sources.Http
{
    /// <summary>
    /// A few threads of the endpoint's own that serve event posts, so a request waiting for the
    /// store's write lock never holds a thread-pool thread. On PostgreSQL that wait is real (one
    /// writer at a time, across hosts), and the pool's threads are also what completes socket reads:
    /// with every pool thread parked on the lock, the holder's own reply waited for the pool to
    /// grow a thread a second (seconds of stall under 8 concurrent clients). The connections stay
    /// asynchronous and await their answer; more workers than this would only queue on the lock.
    /// </summary>
    internal sealed class RequestWorkers : IDisposable
    {
        private readonly BlockingCollection<(Func<EndpointResponse> Work, TaskCompletionSource<EndpointResponse> Done)> _queue =
            new BlockingCollection<(Func<EndpointResponse>, TaskCompletionSource<EndpointResponse>)>();
        private readonly Thread[] _threads;

        public RequestWorkers(int count, string name)
        {
            _threads = new Thread[count];
            for (var i = 0; i < count; i++)
            {
                _threads[i] = new Thread(Serve) { IsBackground = true, Name = $"{name} {i + 1}" };
                _threads[i].Start();
            }
        }

        /// <summary>Runs <paramref name="work"/> on a worker; the task completes off the worker (continuations never run on it).</summary>
        public Task<EndpointResponse> Run(Func<EndpointResponse> work)
        {
            var done = new TaskCompletionSource<EndpointResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                _queue.Add((work, done));
            }
            catch (InvalidOperationException)
            {
                done.SetException(new OperationCanceledException("The endpoint is stopping."));
            }
            return done.Task;
        }

        private void Serve()
        {
            foreach (var (work, done) in _queue.GetConsumingEnumerable())
            {
                try { done.SetResult(work()); }
                catch (Exception ex) { done.SetException(ex); }
            }
        }

        /// <summary>Lets the workers finish what was queued, then end.</summary>
        public void Dispose()
        {
            _queue.CompleteAdding();
            foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(10));
        }
    }
}
