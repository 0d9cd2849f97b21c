using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Hands every flip of routability to each of its outlets (the pipeline, the ACD webhook) from
    /// a queue per outlet, in the order they were decided, once. A slow webhook only delays its own
    /// queue. What an outlet could not take is reported as a warning.
    /// </summary>
    internal sealed class RoutingFlipFeed
    {
        private readonly EngineContext _context;
        private readonly List<Outlet> _outlets = new List<Outlet>();
        private long _sequence;

        public RoutingFlipFeed(EngineContext context) => _context = context;

        /// <summary>An outlet answers "OK" or why it could not take the change.</summary>
        public void Add(string name, Func<PresenceRoutingChange, CancellationToken, Task<string>> deliver) => _outlets.Add(new Outlet(name, deliver));

        public bool Busy => _outlets.Any(o => o.Busy);

        /// <summary>Called from a unit's engine loop; units share the sequence, so it orders flips across the run.</summary>
        public void Announce(PresenceRoutingDecision decision, string previous)
        {
            lock (_outlets)
            {
                var change = new PresenceRoutingChange(++_sequence, decision, previous);
                foreach (var o in _outlets) o.Enqueue(change);
            }
        }

        public Task RunAsync(CancellationToken ct) => Task.WhenAll(_outlets.Select(o => o.RunAsync(_context, ct)));

        public void Abandon()
        {
            foreach (var o in _outlets) o.Abandon(_context);
        }

        private sealed class Outlet
        {
            private readonly string _name;
            private readonly Func<PresenceRoutingChange, CancellationToken, Task<string>> _deliver;
            private readonly ConcurrentQueue<PresenceRoutingChange> _queue = new ConcurrentQueue<PresenceRoutingChange>();
            private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
            private int _busy;

            public Outlet(string name, Func<PresenceRoutingChange, CancellationToken, Task<string>> deliver)
            {
                _name = name;
                _deliver = deliver;
            }

            public bool Busy => !_queue.IsEmpty || Volatile.Read(ref _busy) != 0;

            public void Enqueue(PresenceRoutingChange change)
            {
                _queue.Enqueue(change);
                _signal.Release();
            }

            public async Task RunAsync(EngineContext context, CancellationToken ct)
            {
                while (true)
                {
                    try { await _signal.WaitAsync(ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return; }
                    if (!_queue.TryDequeue(out var change)) continue;
                    Volatile.Write(ref _busy, 1);
                    string result;
                    try { result = await _deliver(change, ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested) { result = "Undeliverable: the sync stopped first"; }
                    catch (Exception ex) { result = "Undeliverable: " + ex.Message; }
                    finally { Volatile.Write(ref _busy, 0); }
                    if (result != "OK") context.Host.WriteWarning($"The {_name} did not take the routing change {change.Sequence} ({change}): {result}.");
                }
            }

            public void Abandon(EngineContext context)
            {
                while (_queue.TryDequeue(out var change))
                    context.Host.WriteWarning($"The {_name} did not take the routing change {change.Sequence} ({change}): the sync stopped first.");
            }
        }
    }
}
