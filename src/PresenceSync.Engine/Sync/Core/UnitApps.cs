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

        /// <summary>Gives an agent without an app (or with one no longer in the unit) its app.</summary>
        public void Assign(AgentSlot slot)
        {
            if (_byClient.ContainsKey(slot.AppClientId)) return;
            slot.AppClientId = Writers[0].ClientId;
        }
    }
}
