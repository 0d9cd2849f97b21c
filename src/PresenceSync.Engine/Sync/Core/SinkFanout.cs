using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Sinks;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>Hands every ACD change decided from Teams to each sink, and records what became of it.</summary>
    internal sealed class SinkFanout
    {
        private readonly EngineContext _context;
        private readonly List<SinkRunner> _runners;

        public SinkFanout(EngineContext context, IEnumerable<IAcdChangeSink> sinks)
        {
            _context = context;
            _runners = sinks.Select(s => new SinkRunner(s, Finished)).ToList();
        }

        /// <summary>The routing changes of the run, delivered beside the ACD changes (null: none).</summary>
        public PresenceSync.Engine.Routing.RoutingFlipFeed? Routing { get; set; }

        public bool Busy => _runners.Any(r => r.Busy) || Routing?.Busy == true;

        public void Deliver(PresenceBusinessUnit unit, PresenceAcdChange change, SyncHistoryEntry entry)
        {
            var delivery = new ChangeDelivery(unit, change, entry, _runners.Count);
            foreach (var runner in _runners) runner.Enqueue(delivery);
        }

        public Task RunAsync(CancellationToken ct) => Task.WhenAll(_runners.Select(r => r.RunAsync(ct)).Concat(new[] { Routing?.RunAsync(ct) ?? Task.CompletedTask }));

        public void Abandon()
        {
            Routing?.Abandon();
            foreach (var runner in _runners) runner.Abandon();
        }

        private void Finished(ChangeDelivery delivery)
        {
            var entry = delivery.Entry;
            if (entry.Result != "OK")
                _context.Host.WriteWarning($"The ACD did not take the change for agent '{delivery.Change.AgentId}' to '{delivery.Change.State}': {entry.Result}.");
            try
            {
                _context.Store.Write((c, tx) => { HistoryRepository.Insert(c, tx, delivery.Unit, entry); return true; });
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                _context.Host.WriteWarning($"The history of the change for agent '{delivery.Change.AgentId}' could not be stored: {ex.Message}");
            }
        }
    }
}
