using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// One pass over one business unit: load what the store knows, read Teams when due, decide
    /// per agent, carry out the writes (announced in the store before they are made), and record
    /// every change with its source event. Agents are independent: one failing never stops the rest.
    /// </summary>
    internal sealed class SyncPass
    {
        private const int ProgressId = 7304;
        private static readonly PresenceRule NoRule = new PresenceRule("", "(none)", null, Array.Empty<PresenceRuleRow>(),
            ManualStatusPolicy.Respect, TimeSpan.FromHours(1), InternalCallPolicy.Ignore, DateTime.MinValue, DateTime.MinValue);

        private readonly EngineContext _context;
        private readonly PresenceBusinessUnit _unit;
        private readonly GraphSession _session;
        private readonly SyncOptions _options;
        private readonly AcdWebhook? _webhook;

        public SyncPass(EngineContext context, PresenceBusinessUnit unit, GraphSession session, SyncOptions options, AcdWebhook? webhook)
        {
            _context = context;
            _unit = unit;
            _session = session;
            _options = options;
            _webhook = webhook;
        }

        public async Task RunAsync(bool readTeams, CancellationToken ct)
        {
            var started = DateTime.UtcNow;
            var work = Load();
            var observed = readTeams ? await ReadTeamsAsync(work, ct).ConfigureAwait(false) : new Dictionary<Guid, TeamsPresence>();
            var counters = new PassCounters();
            using var batcher = new PresenceWriteBatcher(_session);
            var writer = new TeamsWriter(new PresenceGraph(_session), batcher);
            using var gate = new SemaphoreSlim(Math.Max(1, _options.Parallelism));
            var done = 0;
            var tasks = work.Select(async w =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await SyncAgentAsync(w, observed.TryGetValue(w.TeamsUserId, out var p) ? p : null, writer, counters, ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                    var n = Interlocked.Increment(ref done);
                    if (work.Count >= 200 && n % 100 == 0) _context.Host.WriteProgress(ProgressInfo.Of(ProgressId, $"Syncing {_unit.Name}", n, work.Count));
                }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            if (work.Count >= 200) _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, $"Syncing {_unit.Name}"));
            SaveStatus(work.Count, counters, started);
        }

        private List<AgentWork> Load() => _context.Store.Read((c, tx) =>
        {
            var agents = AgentRepository.All(c, tx, _unit).ToDictionary(a => a.AgentId, StringComparer.OrdinalIgnoreCase);
            var rules = RuleRepository.All(c, tx, _unit).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
            var assignments = AssignmentRepository.All(c, tx, _unit);
            var states = AgentSyncRepository.All(c, tx, _unit);
            var list = new List<AgentWork>();
            foreach (var mapping in MappingRepository.All(c, tx, _unit))
            {
                var effective = EffectiveRuleResolver.Resolve(agents[mapping.AgentId], assignments);
                var rule = effective.Rule != null && rules.TryGetValue(effective.Rule, out var r) ? r : NoRule;
                states.TryGetValue(mapping.AgentId, out var state);
                list.Add(new AgentWork(mapping.AgentId, mapping.TeamsUserId, rule, state ?? new AgentSyncState { AgentId = mapping.AgentId }));
                states.Remove(mapping.AgentId);
            }
            // Agents that lost their mapping (or left) but may still hold a session: clear it on their last user.
            foreach (var orphan in states.Values.Where(s => s.TeamsUserId != null && (s.SessionState != null || s.PreferredState != null || s.PendingWrite != null)))
            {
                orphan.RuleState = null;
                orphan.AcdByEngine = false;
                list.Add(new AgentWork(orphan.AgentId, orphan.TeamsUserId!.Value, NoRule, orphan));
            }
            return list;
        });

        private async Task<Dictionary<Guid, TeamsPresence>> ReadTeamsAsync(List<AgentWork> work, CancellationToken ct)
        {
            var ids = work.Select(w => w.TeamsUserId).Distinct().ToList();
            if (ids.Count == 0) return new Dictionary<Guid, TeamsPresence>();
            var read = await new PresenceGraph(_session).ReadAsync(ids, null, ct).ConfigureAwait(false);
            var now = _context.Clock.UtcNow;
            var result = new Dictionary<Guid, TeamsPresence>();
            foreach (var p in read)
            {
                if (!Guid.TryParse(p.Id, out var id)) continue;
                result[id] = PresenceGraph.ToTeamsPresence(p, _unit.Name, null, id, null, now);
            }
            return result;
        }

        private async Task SyncAgentAsync(AgentWork w, TeamsPresence? observed, TeamsWriter writer, PassCounters counters, CancellationToken ct)
        {
            var s = w.State;
            var before = (observed?.State ?? s.TeamsState)?.ToString();
            var now = _context.Clock.UtcNow;
            var actions = SyncDecider.Decide(w.Rule, s, observed, w.TeamsUserId, now, _options.Timings);
            var history = new List<SyncHistoryEntry>();
            var failed = false;
            foreach (var action in actions)
            {
                _context.Host.WriteVerbose($"{_unit.Name}/{w.AgentId}: {action.Kind} {action.State?.ToString() ?? action.ToAcdState} because {action.Reason}.");
                if (action.Kind == SyncActionKind.AcdChange)
                {
                    history.Add(await AcdChangeAsync(w, action, now, ct).ConfigureAwait(false));
                    counters.AcdChange();
                    continue;
                }
                if (!action.WritesTeams)
                {
                    history.Add(Entry(w, action.Kind == SyncActionKind.ManualHoldStarted ? "Manual" : "Info", s.AcdEventId, action, before, action.State?.ToString(), null, "OK", null));
                    continue;
                }
                // Announce the write first: if the process dies before it is confirmed, the next pass still knows it may hold a session.
                s.PendingWrite = $"{TeamsWriter.Operation(action.Kind)} {action.State}";
                Save(w, null);
                var (error, latency) = await writer.ApplyAsync(w, action, now, ct).ConfigureAwait(false);
                if (error == null) s.PendingWrite = null;
                else
                {
                    failed = true;
                    counters.Error($"{w.AgentId}: {error}");
                }
                counters.Write();
                history.Add(Entry(w, "ToTeams", s.AcdEventId, action, before, action.Kind == SyncActionKind.ClearSession || action.Kind == SyncActionKind.ClearPreferred ? "(cleared)" : action.State?.ToString(),
                    TeamsWriter.Operation(action.Kind), error ?? "OK", latency));
                if (failed) break;
            }
            Save(w, history);
            var inSync = !failed && !s.ManualHold && s.PendingWrite == null;
            counters.Agent(inSync, s.ManualHold, s.PendingWrite != null);
        }

        private async Task<SyncHistoryEntry> AcdChangeAsync(AgentWork w, SyncAction action, DateTime now, CancellationToken ct)
        {
            var eventId = _context.Store.Write((c, tx) => SyncEventRepository.Insert(c, tx, _unit, _context.Now, "Teams", w.AgentId,
                action.State!.ToString(), null, CallType.None, null, "Accepted", null, null));
            var change = new PresenceAcdChange(_unit.Name, w.AgentId, action.ToAcdState!, action.FromAcdState, action.State!.Availability,
                action.State.Activity, w.Rule.Name, action.Row!.Position, now, eventId);
            _context.Host.WriteObject(change);
            string result = "OK", operation = "pipeline";
            if (_webhook != null)
            {
                operation = "webhook";
                result = await _webhook.SendAsync(change, ct).ConfigureAwait(false);
                if (result != "OK") _context.Host.WriteWarning($"The ACD did not take the change for agent '{w.AgentId}' to '{change.State}': {result}.");
            }
            return Entry(w, "ToAcd", eventId, action, action.FromAcdState, action.ToAcdState, operation, result, null);
        }

        private SyncHistoryEntry Entry(AgentWork w, string direction, long? eventId, SyncAction action, string? before, string? after,
            string? operation, string result, int? latency) => new SyncHistoryEntry
        {
            TimeUtc = _context.Clock.UtcNow,
            AgentId = w.AgentId,
            Direction = direction,
            EventId = eventId,
            Rule = w.Rule.Name,
            RowPosition = action.Row?.Position,
            Before = before,
            After = after,
            Operation = operation,
            Result = result,
            LatencyMs = latency,
            Detail = action.Reason,
        };

        private void Save(AgentWork w, List<SyncHistoryEntry>? history) => _context.Store.Write((c, tx) =>
        {
            AgentSyncRepository.SaveEngineSide(c, tx, _unit, w.State, w.LoadedEventId, w.LoadedStateUtc);
            if (history != null) foreach (var entry in history) HistoryRepository.Insert(c, tx, _unit, entry);
            return true;
        });

        private void SaveStatus(int agents, PassCounters counters, DateTime started) => _context.Store.Write((c, tx) =>
        {
            SyncStatusRepository.Save(c, tx, _unit, new PresenceSyncStatus
            {
                LastPassUtc = _context.Clock.UtcNow,
                LastPassMs = (int)(DateTime.UtcNow - started).TotalMilliseconds,
                Agents = agents,
                InSync = counters.InSync,
                HeldByManualStatus = counters.Held,
                PendingWrites = counters.Pending,
                TeamsWrites = counters.Writes,
                AcdChanges = counters.AcdChanges,
                GraphRequests = _session.Statistics.Requests,
                Throttled = _session.Statistics.Throttled,
                BudgetUsed = _session.Budget.Used,
                Budget = _session.Budget.Requests,
                Errors = counters.Errors,
                LastError = counters.LastError,
            });
            return true;
        });
    }
}
