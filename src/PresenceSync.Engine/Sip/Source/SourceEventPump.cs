using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// Hands line events to the sync in order, off the network threads: NOTIFYs are answered at
    /// once while events wait here, and whatever queued meanwhile goes to the target as one batch
    /// (one store transaction). A refused event is recorded once per state and error, so an ACD
    /// state missing from the rules shows clearly without repeating for every call.
    /// </summary>
    internal sealed class SourceEventPump
    {
        private const int MaxBatch = 500;
        private readonly ConcurrentQueue<AcdEvent> _queue = new ConcurrentQueue<AcdEvent>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly string _businessUnit;
        private readonly Action<SourceHealth> _report;
        private readonly HashSet<string> _refusalsSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public SourceEventPump(string businessUnit, Action<SourceHealth> report)
        {
            _businessUnit = businessUnit;
            _report = report;
        }

        public void Add(AcdEvent e)
        {
            _queue.Enqueue(e);
            _signal.Release();
        }

        public async Task RunAsync(IAcdEventTarget target, CancellationToken ct)
        {
            while (true)
            {
                try
                {
                    await _signal.WaitAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Flush(target); // events already taken from the line are not lost at shutdown
                    return;
                }
                Flush(target);
            }
        }

        private void Flush(IAcdEventTarget target)
        {
            while (!_queue.IsEmpty)
            {
                var batch = new List<AcdEvent>();
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var e)) batch.Add(e);
                try
                {
                    var results = target.Submit(batch);
                    for (var i = 0; i < results.Count && i < batch.Count; i++)
                    {
                        var result = results[i];
                        if (!result.Refused || !_refusalsSeen.Add(result.ErrorId + "|" + result.State)) continue;
                        _report(new SourceHealth("Sip", _businessUnit, false, result.ErrorId,
                            $"The sync refused the line state '{result.State}' of agent '{result.AgentId}': {result.Detail}", DateTime.UtcNow));
                    }
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // The sync could not take the batch (a store error): say so; the next line change is sent as usual.
                    _report(new SourceHealth("Sip", _businessUnit, false, SipErrorIds.EventsNotDelivered,
                        $"{batch.Count} line events could not be handed to the sync: {ex.Message}", DateTime.UtcNow));
                }
            }
        }
    }
}
