using System;
using System.Collections.Generic;
using System.Linq;
using System.Data.Common;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Units;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Takes ACD events from the pipeline, the HTTP endpoint or any other source, checks them, and
    /// records each agent's new state with its event. A batch is one transaction; each unit's rules
    /// are read once and again only after they changed. A refused event is recorded too, with its
    /// error id, and never spoils the others. A running sync learns of recorded events from its
    /// store intake or its own source.
    /// </summary>
    public sealed class AcdEventIntake
    {
        /// <summary>How far ahead of this machine's clock an ACD's event time may be before it is refused.</summary>
        public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(2);

        private readonly EngineContext _context;
        private readonly UnitCache _units;
        private readonly IntakeRulesCache _rules = new IntakeRulesCache();

        public AcdEventIntake(EngineContext context, string? defaultUnit = null)
        {
            _context = context;
            _units = new UnitCache(context, defaultUnit);
        }

        /// <summary>Records a request that never became an event (bad signature, malformed JSON).</summary>
        internal void Record(string errorId, string detail)
        {
            var unit = _units.Get(null);
            _context.Store.Write((c, tx) =>
            {
                var id = SyncEventRepository.Insert(c, tx, unit, _context.Now, "Http", null, null, null, CallType.None, null, "Refused", errorId, detail);
                RecordRefusal(c, tx, unit, id, null, errorId, detail);
                return id;
            });
        }

        /// <summary>The run whose own source took the events (null for Set-PresenceAgentState): its store intake skips them, another host's does not.</summary>
        internal string? Recorder { get; set; }

        public AcdEventResult Accept(AcdEvent e) => AcceptAll(new[] { e })[0];

        public IReadOnlyList<AcdEventResult> AcceptAll(IReadOnlyList<AcdEvent> events)
        {
            var results = new AcdEventResult?[events.Count];
            var units = new PresenceBusinessUnit?[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                try
                {
                    units[i] = _units.Get(events[i].BusinessUnit);
                }
                catch (PresenceSyncException ex) when (!ex.Fatal)   // an unusable store fails the whole call, once
                {
                    var e = events[i];
                    results[i] = new AcdEventResult(0, e.BusinessUnit ?? PresenceBusinessUnit.DefaultName, e.AgentId, e.State, "Refused", ex.Error.ErrorId, ex.Error.Message);
                }
            }
            if (units.Any(u => u != null))
            {
                _context.Store.Write((c, tx) =>
                {
                    var rules = new Dictionary<long, IntakeRules>();
                    for (var i = 0; i < events.Count; i++)
                    {
                        if (units[i] is not PresenceBusinessUnit unit) continue;
                        if (!rules.TryGetValue(unit.Id, out var known)) rules[unit.Id] = known = _rules.For(c, tx, unit);
                        results[i] = AcceptOne(c, tx, unit, known, events[i]);
                    }
                    return true;
                });
            }
            return results.Select(r => r!).ToList();
        }

        private AcdEventResult AcceptOne(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, IntakeRules known, AcdEvent e)
        {
            var agentId = e.AgentId?.Trim();
            var state = e.State?.Trim();
            var now = _context.Now;
            AcdEventResult Record(string status, string? errorId, string? detail)
            {
                var id = SyncEventRepository.Insert(c, tx, unit, now, e.Source, agentId, state, e.Reason, e.CallType,
                    e.Time is DateTime t ? Db.Timestamp(t) : null, status, errorId, detail, Recorder);
                if (status == "Refused") RecordRefusal(c, tx, unit, id, agentId, errorId, detail);
                return new AcdEventResult(id, unit.Name, agentId, state, status, errorId, detail);
            }

            if (e.InvalidErrorId != null) return Record("Refused", e.InvalidErrorId, e.InvalidDetail);
            if (string.IsNullOrEmpty(agentId)) return Record("Refused", ErrorIds.MissingAgentId, "The event has no agent id.");
            if (KeyText.Problem(agentId!) is string problem) return Record("Refused", ErrorIds.InvalidAgentId, $"The agent id '{KeyText.Visible(agentId!)}' {problem}.");
            agentId = KeyText.Normalize(agentId!);
            if (!Enum.IsDefined(typeof(CallType), e.CallType)) return Record("Refused", ErrorIds.MalformedEvent, $"{(int)e.CallType} is not a call type.");
            if (e.Time is DateTime future && future.ToUniversalTime() > _context.Clock.UtcNow + MaxClockSkew)
                return Record("Refused", ErrorIds.EventTimeInFuture,
                    $"The event's time {future:o} is more than {MaxClockSkew.TotalMinutes:0} minutes ahead of this machine's clock: check the ACD's clock, or send events without a time.");
            var agent = AgentRepository.Find(c, tx, unit, agentId!);
            if (agent == null) return Record("Refused", ErrorIds.AgentNotFound, $"There is no agent '{agentId}' in business unit '{unit.Name}'.");
            agentId = agent.AgentId; // any spelling of the id is recorded as the agent's stored one
            if (string.IsNullOrEmpty(state)) return Record("Refused", ErrorIds.MissingAcdState, $"The event for agent '{agentId}' has no state.");
            var canonical = known.StateNamed(state!);
            if (canonical == null)
                return Record("Refused", ErrorIds.UnknownAcdState,
                    $"No rule in business unit '{unit.Name}' knows the ACD state '{state}': add a row for it, or name it in a guard.");
            state = canonical;

            var sync = AgentSyncRepository.Find(c, tx, unit, agent.AgentId) ?? new AgentSyncState { AgentId = agent.AgentId };
            // Without a time of its own an event counts from when it arrived: of two, the later one wins.
            var happened = (e.Time ?? e.ReceivedUtc)?.ToUniversalTime();
            if (happened is DateTime at && sync.AcdStateUtc is DateTime current && at < current)
                return Record("Ignored", null, $"Older than the agent's current state ({current:o}).");

            var rule = known.RuleOf(agent);
            string status;
            if (e.CallType == CallType.Internal && (rule == null || rule.InternalCallsValue == InternalCallPolicy.Ignore))
            {
                status = "Ignored";
                sync.AcdState = state;
            }
            else if (sync.AcdByEngine && string.Equals(sync.RuleState, state, StringComparison.OrdinalIgnoreCase))
            {
                status = "Echo";
                sync.AcdState = state;
            }
            else
            {
                status = "Accepted";
                sync.AcdState = state;
                sync.RuleState = state;
                sync.AcdByEngine = false;
            }
            var result = Record(status, null, status == "Ignored" ? "Internal call: the rule ignores internal calls." : null);
            if (status == "Accepted") sync.AcdEventId = result.EventId;
            sync.AcdStateUtc = happened ?? _context.Clock.UtcNow;
            AgentSyncRepository.SaveAcdSide(c, tx, unit, sync);
            return result;
        }

        /// <summary>Refused input shows in Get-PresenceSyncHistory -Direction Refused, with its error id.</summary>
        private void RecordRefusal(DbConnection c, DbTransaction tx, PresenceBusinessUnit unit, long eventId, string? agentId, string? errorId, string? detail) =>
            HistoryRepository.Insert(c, tx, unit, new SyncHistoryEntry
            {
                TimeUtc = _context.Clock.UtcNow,
                AgentId = agentId,
                Direction = "Refused",
                EventId = eventId,
                Result = errorId,
                Detail = detail,
            });
    }
}
