using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Spreads a unit's agents over its apps, each app with its own presence budget. The assignment
    /// is stored and stable: an agent keeps its app, and so its presence session (whose id is the
    /// app's client id), until that app is removed; a new agent goes to the app with the fewest.
    /// An agent that holds a session but has no assignment yet (written before the unit had
    /// several apps) stays with the primary app, which is the one that wrote it.
    /// </summary>
    public sealed class AppAssignment
    {
        private readonly EngineContext _context;

        public AppAssignment(EngineContext context) => _context = context;

        /// <summary>Agent id to the client id of the app it writes through, assigning agents that have none yet.</summary>
        public IReadOnlyDictionary<string, string> AssignAll(string? businessUnit) =>
            _context.Store.Write((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, businessUnit);
                return AssignAll(c, tx, unit, _context.Clock.UtcNow).ToDictionary(p => p.Key, p => p.Value.ClientId, KeyComparer.Instance);
            });

        /// <summary>The client id of the app the agent writes through (assigned now if it has none); null when the unit has no app.</summary>
        public string? AppFor(string? businessUnit, string agentId) =>
            _context.Store.Write((c, tx) => AppFor(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit), agentId, _context.Clock.UtcNow)?.ClientId);

        /// <summary>For the sync runner: every known agent of the unit to its app, in one transaction.</summary>
        internal static Dictionary<string, AppRecord> AssignAll(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, DateTime now)
        {
            var result = new Dictionary<string, AppRecord>(KeyComparer.Instance);
            var apps = AppRepository.ForUnit(c, tx, unit);
            if (apps.Count == 0) return result;
            AgentAppRepository.Prune(c, tx, unit);
            var byId = apps.ToDictionary(a => a.Id);
            var assigned = AgentAppRepository.ForUnit(c, tx, unit);
            var counts = apps.ToDictionary(a => a.Id, _ => 0);
            foreach (var appId in assigned.Values) if (counts.ContainsKey(appId)) counts[appId]++;
            foreach (var (agentId, holdsSession) in AgentAppRepository.Candidates(c, tx, unit))
            {
                if (assigned.TryGetValue(agentId, out var appId) && byId.TryGetValue(appId, out var app))
                {
                    result[agentId] = app;
                    continue;
                }
                var chosen = holdsSession ? apps[0] : Fewest(apps, counts);
                AgentAppRepository.Assign(c, tx, unit, agentId, chosen.Id, now);
                counts[chosen.Id]++;
                result[agentId] = chosen;
            }
            return result;
        }

        internal static AppRecord? AppFor(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, string agentId, DateTime now)
        {
            var apps = AppRepository.ForUnit(c, tx, unit);
            if (apps.Count == 0) return null;
            if (AgentAppRepository.Find(c, tx, unit, agentId) is long appId && apps.FirstOrDefault(a => a.Id == appId) is AppRecord app) return app;
            var holds = AgentAppRepository.Candidates(c, tx, unit).Any(x => x.HoldsSession && string.Equals(x.AgentId, agentId, StringComparison.OrdinalIgnoreCase));
            var counts = AgentAppRepository.Counts(c, tx, unit);
            var chosen = holds ? apps[0] : Fewest(apps, apps.ToDictionary(a => a.Id, a => counts.TryGetValue(a.Id, out var n) ? n : 0));
            AgentAppRepository.Assign(c, tx, unit, agentId, chosen.Id, now);
            return chosen;
        }

        /// <summary>The app the agent writes through without assigning anything (a read): its own, or the primary one while it has none.</summary>
        internal static AppRecord? Peek(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string agentId)
        {
            var apps = AppRepository.ForUnit(c, tx, unit);
            var assigned = AgentAppRepository.Find(c, tx, unit, agentId);
            return apps.FirstOrDefault(a => a.Id == assigned) ?? apps.FirstOrDefault();
        }

        /// <summary>Moves every agent of one app to the unit's other apps, balanced; the caller cleared their sessions first.</summary>
        internal static int MoveAgents(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, AppRecord from, DateTime now)
        {
            var others = AppRepository.ForUnit(c, tx, unit).Where(a => a.Id != from.Id).ToList();
            var agents = AgentAppRepository.AgentsOf(c, tx, from.Id);
            if (others.Count == 0) return 0;
            var all = AgentAppRepository.Counts(c, tx, unit);
            var counts = others.ToDictionary(a => a.Id, a => all.TryGetValue(a.Id, out var n) ? n : 0);
            foreach (var agent in agents)
            {
                var chosen = Fewest(others, counts);
                AgentAppRepository.Assign(c, tx, unit, agent, chosen.Id, now);
                counts[chosen.Id]++;
            }
            return agents.Count;
        }

        /// <summary>
        /// After an app was added: moves agents that hold no presence session (moving them costs
        /// nothing) from the fuller apps to the emptier ones, so the new app takes its share at once.
        /// Agents holding a session keep their app.
        /// </summary>
        internal static int Rebalance(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, DateTime now)
        {
            var apps = AppRepository.ForUnit(c, tx, unit);
            if (apps.Count < 2) return 0;
            var assigned = AssignAll(c, tx, unit, now);
            var holding = new HashSet<string>(AgentAppRepository.Candidates(c, tx, unit).Where(x => x.HoldsSession).Select(x => x.AgentId), KeyComparer.Instance);
            var counts = apps.ToDictionary(a => a.Id, a => assigned.Values.Count(v => v.Id == a.Id));
            var target = (int)Math.Ceiling(assigned.Count / (double)apps.Count);
            var moved = 0;
            foreach (var pair in assigned.OrderBy(p => p.Key, KeyComparer.Instance))
            {
                if (counts[pair.Value.Id] <= target || holding.Contains(pair.Key)) continue;
                var to = Fewest(apps, counts);
                if (counts[to.Id] >= target) break;
                AgentAppRepository.Assign(c, tx, unit, pair.Key, to.Id, now);
                counts[pair.Value.Id]--;
                counts[to.Id]++;
                moved++;
            }
            return moved;
        }

        private static AppRecord Fewest(List<AppRecord> apps, Dictionary<long, int> counts) =>
            apps.OrderBy(a => counts.TryGetValue(a.Id, out var n) ? n : 0).ThenBy(a => a.Id).First();
    }
}
