using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// One ACD change on its way to every sink. The history row is written once, when the last
    /// sink has answered, naming the sinks that took part and the first refusal if any.
    /// </summary>
    internal sealed class ChangeDelivery
    {
        private readonly List<(string Sink, string Result)> _results = new List<(string, string)>();
        private int _remaining;

        public ChangeDelivery(PresenceBusinessUnit unit, PresenceAcdChange change, SyncHistoryEntry entry, int sinks)
        {
            Unit = unit;
            Change = change;
            Entry = entry;
            _remaining = sinks;
        }

        public PresenceBusinessUnit Unit { get; }
        public PresenceAcdChange Change { get; }
        public SyncHistoryEntry Entry { get; }

        /// <summary>Records one sink's answer; true for the last one, when the history entry is complete.</summary>
        public bool Completed(string sink, string result)
        {
            lock (_results) _results.Add((sink, result));
            if (Interlocked.Decrement(ref _remaining) > 0) return false;
            lock (_results)
            {
                // The pipeline always takes part; a webhook's answer is what history reports.
                var named = _results.Count > 1 ? _results.Where(r => r.Sink != "pipeline").ToList() : _results;
                Entry.Operation = string.Join(",", named.Select(r => r.Sink));
                Entry.Result = named.Select(r => r.Result).FirstOrDefault(r => r != "OK") ?? "OK";
            }
            return true;
        }
    }
}
