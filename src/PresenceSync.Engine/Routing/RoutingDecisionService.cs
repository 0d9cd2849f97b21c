using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Routing
{
    /// <summary>
    /// Routing decisions outside a running sync: from the Teams state the sync last stored (and how
    /// old it is), or with refresh from a Teams read made now. A read that fails leaves the stored
    /// state, marked stale, so the policy's stale handling decides, and says so.
    /// </summary>
    public sealed class RoutingDecisionService
    {
        private readonly EngineContext _context;

        public RoutingDecisionService(EngineContext context) => _context = context;

        public async Task<IReadOnlyList<PresenceRoutingDecision>> DecideAsync(string? businessUnit, string? servicePattern,
            IReadOnlyCollection<string> agentPatterns, bool refresh, CancellationToken ct)
        {
            var (config, states, mapped, status) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (RoutingConfiguration.Load(c, tx, u), AgentSyncRepository.All(c, tx, u),
                    new HashSet<string>(MappingRepository.All(c, tx, u).Select(m => m.AgentId), StringComparer.OrdinalIgnoreCase),
                    SyncStatusRepository.Find(c, tx, u));
            });
            var services = Select(_context, config, servicePattern);
            var patterns = agentPatterns.Select(p => new WildcardPattern(p)).ToList();
            var members = services.SelectMany(s => config.Members(s).Select(m => (Service: s, m.Agent, m.Effective)))
                .Where(m => patterns.Count == 0 || patterns.Any(p => p.IsMatch(m.Agent.AgentId))).ToList();
            ReportMissing(config, members.Select(m => m.Agent.AgentId), patterns);

            var facts = new Dictionary<string, RoutingFacts>(StringComparer.OrdinalIgnoreCase);
            var readsFailing = status?.TeamsStaleSinceUtc != null;
            foreach (var agent in members.Select(m => m.Agent.AgentId).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                states.TryGetValue(agent, out var s);
                DateTime? seen = s?.TeamsSeenUtc;
                // A complete read confirms every state it did not change: the agent's state is as old as the last such read.
                if (status?.LastPassUtc is DateTime pass && s?.TeamsState != null && (seen == null || pass > seen)) seen = pass;
                facts[agent] = new RoutingFacts
                {
                    Mapped = mapped.Contains(agent), Teams = s?.TeamsState, TeamsSeenUtc = seen, ReadsFailing = readsFailing,
                    AcdState = s?.AcdState, AcdStateUtc = s?.AcdStateUtc,
                };
            }
            if (refresh) await RefreshAsync(config.Unit.Name, facts, ct).ConfigureAwait(false);

            var now = _context.Clock.UtcNow;
            return members.Select(m => RoutingEvaluator.Decide(config.Unit.Name, m.Service.Name, m.Agent.AgentId, config.Policy(m.Effective.Policy),
                m.Effective.Policy == null ? m.Effective.Reason : null, facts[m.Agent.AgentId], now)).ToList();
        }

        internal static IReadOnlyList<PresenceRoutingService> Select(EngineContext context, RoutingConfiguration config, string? servicePattern)
        {
            if (string.IsNullOrEmpty(servicePattern)) return config.Services;
            var pattern = new WildcardPattern(servicePattern!);
            var found = config.Services.Where(s => pattern.IsMatch(s.Name)).ToList();
            if (found.Count == 0 && !pattern.HasWildcards) throw RoutingServiceCatalog.NotFound(servicePattern);
            return found;
        }

        private async Task RefreshAsync(string unit, Dictionary<string, RoutingFacts> facts, CancellationToken ct)
        {
            var wanted = facts.Where(f => f.Value.Mapped).Select(f => f.Key).ToList();
            if (wanted.Count == 0) return;
            IReadOnlyList<TeamsPresence> read;
            try
            {
                read = await new TeamsPresenceService(_context).ReadAsync(unit, wanted, ct).ConfigureAwait(false);
            }
            catch (PresenceSyncException ex) when (ex.Error.Kind != ErrorKind.ObjectNotFound)
            {
                _context.Host.WriteWarning($"Teams presence could not be read ({ex.Error.ErrorId}: {ex.Message}); the decisions use the last stored state and are marked stale.");
                foreach (var f in facts.Values) f.ReadsFailing = true;
                return;
            }
            foreach (var f in facts.Values) f.ReadsFailing = false;
            foreach (var p in read)
            {
                if (p.AgentId == null || !facts.TryGetValue(p.AgentId, out var f)) continue;
                f.Teams = p.State;
                f.TeamsSeenUtc = p.ReadUtc;
            }
        }

        private void ReportMissing(RoutingConfiguration config, IEnumerable<string> decided, List<WildcardPattern> patterns)
        {
            var found = new HashSet<string>(decided, StringComparer.OrdinalIgnoreCase);
            foreach (var exact in patterns.Where(p => !p.HasWildcards && !found.Contains(p.Pattern)))
            {
                if (config.Agents.All(a => !string.Equals(a.AgentId, exact.Pattern, StringComparison.OrdinalIgnoreCase)))
                    _context.Error(ErrorIds.AgentNotFound, ErrorKind.ObjectNotFound, $"There is no agent '{exact.Pattern}' in business unit '{config.Unit.Name}'.", exact.Pattern);
                else
                    _context.Error(RoutingErrorIds.AgentNotInRoutingService, ErrorKind.ObjectNotFound,
                        $"Agent '{exact.Pattern}' belongs to none of the routing services asked about.", exact.Pattern,
                        "Get-PresenceEffectiveRoutingPolicy -AgentId says why; assign it with Add-PresenceRoutingAssignment.");
            }
        }
    }
}
