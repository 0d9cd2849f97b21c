using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// The apps a unit writes through, each with its own writer and budget, and the one it reads
    /// through (reads are shared: 650 users a request). An agent keeps the app it was given, and
    /// with it its presence session, whose id is that app's client id.
    /// </summary>
    internal sealed class UnitApps
    {
        private readonly Dictionary<string, WriteScheduler> _byClient;
        private IReadOnlyDictionary<string, string> _assigned = new Dictionary<string, string>();

        public UnitApps(ITeamsPresenceReader reader, IReadOnlyList<WriteScheduler> writers)
        {
            if (writers.Count == 0) throw new ArgumentException("A unit needs at least one app.", nameof(writers));
            Reader = reader;
            Writers = writers;
            _byClient = writers.ToDictionary(w => w.ClientId, StringComparer.OrdinalIgnoreCase);
        }

        public ITeamsPresenceReader Reader { get; }
        public IReadOnlyList<WriteScheduler> Writers { get; }

        public WriteScheduler For(AgentSlot slot) => _byClient.TryGetValue(slot.AppClientId, out var w) ? w : Writers[0];

        /// <summary>The store's assignment of agents to apps (Tenant/AppAssignment), read when the unit is loaded.</summary>
        public void Use(IReadOnlyDictionary<string, string> assigned) => _assigned = assigned;

        /// <summary>
        /// Gives the agent its app: the one the store assigned, which is the one holding its session.
        /// An app this run does not write through (added or removed while it runs) falls back to the
        /// unit's first app until the sync is started again.
        /// </summary>
        public void Assign(AgentSlot slot)
        {
            slot.AppClientId = _assigned.TryGetValue(slot.AgentId, out var clientId) && _byClient.ContainsKey(clientId) ? clientId : Writers[0].ClientId;
        }
    }
}
