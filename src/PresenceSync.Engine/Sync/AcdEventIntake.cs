using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Store;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Units;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Takes ACD events from the pipeline or the HTTP endpoint, checks them, and records the
    /// agent's new state with the event in one transaction. A refused event is recorded too, with
    /// its error id, and never stops anything. The running sync picks the state up on its next pass.
    /// </summary>
    public sealed class AcdEventIntake
    {
        private readonly EngineContext _context;
        private readonly UnitCache _units;

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

        /// <summary>Refused input shows in Get-PresenceSyncHistory -Direction Refused, with its error id.</summary>
        private void RecordRefusal(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, PresenceBusinessUnit unit,
            long eventId, string? agentId, string? errorId, string? detail) =>
            HistoryRepository.Insert(c, tx, unit, new SyncHistoryEntry
            {
                TimeUtc = _context.Clock.UtcNow,
                AgentId = agentId,
                Direction = "Refused",
                EventId = eventId,
                Result = errorId,
                Detail = detail,
            });

        public AcdEventResult Accept(AcdEvent e)
        {
            PresenceBusinessUnit unit;
            try
            {
                unit = _units.Get(e.BusinessUnit);
            }
            catch (PresenceSyncException ex)
            {
                return new AcdEventResult(0, e.BusinessUnit ?? PresenceBusinessUnit.DefaultName, e.AgentId, e.State, "Refused", ex.Error.ErrorId, ex.Error.Message);
            }
            var agentId = e.AgentId?.Trim();
            var state = e.State?.Trim();
            return _context.Store.Write((c, tx) =>
            {
                var now = _context.Now;
                AcdEventResult Record(string status, string? errorId, string? detail)
                {
                    var id = SyncEventRepository.Insert(c, tx, unit, now, e.Source, agentId, state, e.Reason, e.CallType,
                        e.Time is DateTime t ? Db.Timestamp(t) : null, status, errorId, detail);
                    if (status == "Refused") RecordRefusal(c, tx, unit, id, agentId, errorId, detail);
                    return new AcdEventResult(id, unit.Name, agentId, state, status, errorId, detail);
                }

                if (string.IsNullOrEmpty(agentId)) return Record("Refused", ErrorIds.MissingAgentId, "The event has no agent id.");
                var agent = AgentRepository.Find(c, tx, unit, agentId!);
                if (agent == null) return Record("Refused", ErrorIds.AgentNotFound, $"There is no agent '{agentId}' in business unit '{unit.Name}'.");
                if (string.IsNullOrEmpty(state)) return Record("Refused", ErrorIds.MissingAcdState, $"The event for agent '{agentId}' has no state.");
                var rules = RuleRepository.All(c, tx, unit);
                var known = rules.SelectMany(r => r.Rows.SelectMany(row => new[] { row.AcdState }.Concat(row.OnlyWhenAcdState)))
                    .FirstOrDefault(s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase));
                if (known == null)
                    return Record("Refused", ErrorIds.UnknownAcdState,
                        $"No rule in business unit '{unit.Name}' knows the ACD state '{state}': add a row for it, or name it in a guard.");
                state = known;

                var sync = AgentSyncRepository.Find(c, tx, unit, agent.AgentId) ?? new AgentSyncState { AgentId = agent.AgentId };
                if (e.Time is DateTime at && sync.AcdStateUtc is DateTime current && at.ToUniversalTime() < current)
                    return Record("Ignored", null, $"Older than the agent's current state ({current:o}).");

                var effective = EffectiveRuleResolver.Resolve(agent, AssignmentRepository.All(c, tx, unit));
                var rule = rules.FirstOrDefault(r => string.Equals(r.Name, effective.Rule, StringComparison.OrdinalIgnoreCase));
                string status;
                if (e.CallType == CallType.Internal && (rule == null || rule.InternalCalls == InternalCallPolicy.Ignore))
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
                sync.AcdStateUtc = (e.Time ?? _context.Clock.UtcNow).ToUniversalTime();
                AgentSyncRepository.SaveAcdSide(c, tx, unit, sync);
                return result;
            });
        }
    }
}
