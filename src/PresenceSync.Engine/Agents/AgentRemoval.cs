using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Agents
{
    /// <summary>
    /// Remove-PresenceAgent for a whole pipeline. Ids are collected as they arrive and removed at
    /// the end, unit by unit: each unit's agents are read once and the confirmed ones deleted in
    /// transactions of <see cref="Batch"/> agents, so removing 100,000 agents takes seconds instead
    /// of a read and a commit each. A batch is all or nothing; batches already committed stay
    /// removed if a later one fails or the pipeline is stopped.
    /// </summary>
    public sealed class AgentRemoval
    {
        private const int Batch = 10000;
        private const int ProgressId = 14;
        private readonly EngineContext _context;
        private readonly Dictionary<string, List<string>> _byUnit = new Dictionary<string, List<string>>(KeyComparer.Instance);
        private readonly List<string> _unitOrder = new List<string>();

        public AgentRemoval(EngineContext context) => _context = context;

        public void Add(string? businessUnit, string agentId)
        {
            var unit = string.IsNullOrWhiteSpace(businessUnit) ? PresenceBusinessUnit.DefaultName : businessUnit!.Trim();
            if (!_byUnit.TryGetValue(unit, out var ids))
            {
                _byUnit[unit] = ids = new List<string>();
                _unitOrder.Add(unit);
            }
            ids.Add(agentId.Trim());
        }

        /// <summary>Removes what was collected; returns how many agents were removed.</summary>
        public int Complete()
        {
            var removed = 0;
            foreach (var name in _unitOrder)
            {
                try { removed += RemoveFrom(name, _byUnit[name]); }
                catch (PresenceSyncException ex) when (!ex.Fatal) { _context.Host.WriteError(ex.Error); }
            }
            _context.Host.WriteVerbose($"Agents removed: {removed}.");
            return removed;
        }

        private int RemoveFrom(string unitName, List<string> ids)
        {
            var (unit, agents) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, unitName);
                // A few ids are looked up one by one; many are matched against the unit read once.
                var found = ids.Count <= 64
                    ? ids.Select(id => AgentRepository.Find(c, tx, u, id)).Where(a => a != null).Select(a => a!).ToList()
                    : AgentRepository.Briefs(c, tx, u);
                return (u, found.GroupBy(a => a.AgentId, KeyComparer.Instance).ToDictionary(g => g.Key, g => g.First(), KeyComparer.Instance));
            });
            var confirmed = new List<string>();
            var seen = new HashSet<string>(KeyComparer.Instance);
            foreach (var id in ids)
            {
                if (!agents.TryGetValue(id, out var agent))
                {
                    _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{id}' in business unit '{unit.Name}'.", id);
                    continue;
                }
                if (!seen.Add(agent.AgentId)) continue;
                if (_context.Host.ShouldProcess($"{agent.AgentId} ({agent.Name ?? agent.Email})", "Remove agent, its mapping and its own rule assignment"))
                    confirmed.Add(agent.AgentId);
            }
            var done = 0;
            for (var start = 0; start < confirmed.Count; start += Batch)
            {
                _context.Host.Cancellation.ThrowIfCancellationRequested();
                var chunk = confirmed.Skip(start).Take(Batch).ToList();
                _context.Store.Write((c, tx) =>
                {
                    AgentRepository.DeleteMany(c, tx, unit, chunk);
                    return true;
                });
                done += chunk.Count;
                if (confirmed.Count > Batch) _context.Host.WriteProgress(ProgressInfo.Of(ProgressId, $"Removing agents from '{unit.Name}'", done, confirmed.Count));
            }
            if (confirmed.Count > Batch) _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, $"Removing agents from '{unit.Name}'"));
            return done;
        }
    }
}
