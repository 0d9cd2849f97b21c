using System;
using System.Collections.Concurrent;
using System.Management.Automation;
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
            else
            {
                // Work that outlives its cmdlet (it should not) has nobody left to show things to.
                try { _queue.Add(action); } catch (ObjectDisposedException) { } catch (InvalidOperationException) { }
            }
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

        /// <summary>
        /// Waits for the work on the pipeline thread, running what it queues in the meantime. It
        /// never returns before the work has finished: when the user stops the pipeline, writing to
        /// it fails, but the work is still winding down (letting writes land, releasing the sync
        /// lock) and is waited for; the stop is reported after that.
        /// </summary>
        public void Pump(Task work)
        {
            PipelineStoppedException? stopped = null;
            void Run(Action action)
            {
                // Once the pipeline is stopped every write to it fails: what it was to show is dropped,
                // and questions (ShouldProcess) still get their answer, so the work can finish.
                try { action(); }
                catch (PipelineStoppedException ex) { stopped ??= ex; }
            }
            while (!work.IsCompleted)
            {
                if (_queue.TryTake(out var action, 50)) Run(action);
            }
            while (_queue.TryTake(out var last)) Run(last);
            if (stopped != null) throw stopped;
            work.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _queue.Dispose();
        }
    }
}
