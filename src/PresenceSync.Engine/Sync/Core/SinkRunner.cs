using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sync.Sinks;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// Feeds one sink from a queue of its own, in order. A sink that hangs or fails only delays
    /// its own queue: decisions and the other sinks go on. What it could not take is reported.
    /// </summary>
    internal sealed class SinkRunner
    {
        private readonly IAcdChangeSink _sink;
        private readonly Action<ChangeDelivery> _finished;
        private readonly ConcurrentQueue<ChangeDelivery> _queue = new ConcurrentQueue<ChangeDelivery>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private int _busy;

        public SinkRunner(IAcdChangeSink sink, Action<ChangeDelivery> finished)
        {
            _sink = sink;
            _finished = finished;
        }

        public string Name => _sink.Name;
        public bool Busy => !_queue.IsEmpty || Volatile.Read(ref _busy) != 0;

        public void Enqueue(ChangeDelivery delivery)
        {
            _queue.Enqueue(delivery);
            _signal.Release();
        }

        public async Task RunAsync(CancellationToken ct)
        {
            while (true)
            {
                try { await _signal.WaitAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                if (!_queue.TryDequeue(out var delivery)) continue;
                Volatile.Write(ref _busy, 1);
                string result;
                try
                {
                    result = await _sink.DeliverAsync(delivery.Change, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    result = "Undeliverable: the sync stopped first";
                }
                catch (Exception ex)
                {
                    result = "Undeliverable: " + ex.Message;
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                }
                if (delivery.Completed(_sink.Name, result)) _finished(delivery);
            }
        }

        /// <summary>Reports what is still queued as undeliverable (at the end of a run).</summary>
        public void Abandon()
        {
            while (_queue.TryDequeue(out var delivery))
                if (delivery.Completed(_sink.Name, "Undeliverable: the sync stopped first")) _finished(delivery);
        }
    }
}
