using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// PowerShell only accepts Write* and ShouldProcess from the pipeline thread, but the engine's
    /// Graph work runs on pool threads. Calls from other threads are queued here and run when the
    /// pipeline thread drains the queue while it waits for the work to finish.
    /// </summary>
    internal sealed class PipelineDispatcher : IDisposable
    {
        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();

        public bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

        public void Post(Action action)
        {
            if (OnPipelineThread) action();
            else _queue.Add(action);
        }

        /// <summary>Runs a function on the pipeline thread and waits for its answer (ShouldProcess).</summary>
        public T Invoke<T>(Func<T> function)
        {
            if (OnPipelineThread) return function();
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add(() =>
            {
                try { answer.SetResult(function()); }
                catch (Exception ex) { answer.SetException(ex); }
            });
            return answer.Task.GetAwaiter().GetResult();
        }

        /// <summary>Waits for the work on the pipeline thread, running what it queues in the meantime.</summary>
        public void Pump(Task work)
        {
            while (!work.IsCompleted)
            {
                if (_queue.TryTake(out var action, 50)) action();
            }
            while (_queue.TryTake(out var last)) last();
            work.GetAwaiter().GetResult();
        }

        public void Dispose() => _queue.Dispose();
    }
}
