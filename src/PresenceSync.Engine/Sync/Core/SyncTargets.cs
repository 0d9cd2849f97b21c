using PresenceSync.Engine.Model;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Sync.Sources;

namespace PresenceSync.Engine.Sync.Core
{
    /// <summary>
    /// What every source talks to: ACD events are checked and recorded by the intake, then their
    /// agents are handed to their unit's engine; Teams observations go straight to it. Events for a
    /// unit this sync does not run are still recorded, for the run that does.
    /// </summary>
    internal sealed class SyncTargets : IAcdEventTarget, ITeamsObservationTarget
    {
        private readonly EngineContext _context;
        private readonly Dictionary<string, UnitEngine> _engines;
        private readonly AcdEventIntake _intake;
        private readonly ConcurrentDictionary<string, string> _reported = new ConcurrentDictionary<string, string>();

        public SyncTargets(EngineContext context, IEnumerable<UnitEngine> engines, string recorder)
        {
            _context = context;
            _engines = engines.ToDictionary(e => e.Unit.Name, KeyComparer.Instance);
            _intake = new AcdEventIntake(context) { Recorder = recorder };
        }

        public IReadOnlyList<AcdEventResult> Submit(IReadOnlyList<AcdEvent> events)
        {
            var results = _intake.AcceptAll(events);
            foreach (var r in results)
            {
                if (!r.Refused && r.AgentId != null && _engines.TryGetValue(r.BusinessUnit, out var engine)) engine.Recorded(r.AgentId);
            }
            return results;
        }

        public void Recorded(string businessUnit, string agentId, long eventId)
        {
            if (_engines.TryGetValue(businessUnit, out var engine)) engine.Recorded(agentId);
        }

        public void Report(SourceHealth health)
        {
            var key = health.Source + "/" + health.Item;
            // A healthy source's detail counts too: it carries news such as how many forged requests
            // the endpoint refused, which a bare "OK" kept out of the status for good.
            var shape = (health.Healthy ? "OK|" : health.ErrorId + "|") + health.Detail;
            var changed = !_reported.TryGetValue(key, out var before) || before != shape;
            _reported[key] = shape;
            if (!changed) return;
            // A failing source is told once per change, not at every retry; the status shows it meanwhile.
            if (!health.Healthy)
                _context.Host.WriteError(new EngineError(health.ErrorId ?? ErrorIds.SourceFailed, ErrorKind.ResourceUnavailable,
                    $"Source {health.Source}{(health.Item != null ? " (" + health.Item + ")" : "")}: {health.Detail}", health.Item ?? health.Source,
                    "The other sources keep working; this one is retried with backoff. Get-PresenceSyncStatus shows how it stands."));
            try
            {
                _context.Store.Write((c, tx) => { SyncStatusRepository.SaveSource(c, tx, health); return true; });
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                _context.Host.WriteVerbose($"The health of source {key} could not be saved: {ex.Message}");
            }
        }

        public IReadOnlyList<Guid> WatchedUsers(string businessUnit) =>
            _engines.TryGetValue(businessUnit, out var engine) ? engine.WatchedUsers : Array.Empty<Guid>();

        public void Observe(string businessUnit, IReadOnlyList<TeamsPresence> presences, bool complete)
        {
            if (!_engines.TryGetValue(businessUnit, out var engine)) return;
            var now = _context.Clock.UtcNow;
            var started = presences.Count == 0 ? now : presences.Min(p => p.ReadUtc);
            engine.Observed(presences, complete, started, now - started);
        }

        public void ReadFailed(string businessUnit, EngineError error)
        {
            if (_engines.TryGetValue(businessUnit, out var engine)) engine.ReadFailed(error);
        }
    }
}
