using System;
using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Sync
{
    /// <summary>Status, history and the stop request: what other sessions ask of a running sync, through the store.</summary>
    public sealed class SyncReports
    {
        private readonly EngineContext _context;

        public SyncReports(EngineContext context) => _context = context;

        public IReadOnlyList<PresenceSyncStatus> Status(string? businessUnit)
        {
            var running = SyncLock.Running(_context.Store, _context.Clock.UtcNow);
            var apps = new Tenant.SyncAppService(_context);
            var statuses = _context.Store.Read((c, tx) =>
            {
                // Without a unit named: every unit that has synced or could (it has an app).
                var units = businessUnit == null
                    ? BusinessUnitRepository.All(c, tx).Where(u => AppRepository.Find(c, tx, u) != null || SyncStatusRepository.Find(c, tx, u) != null).ToList()
                    : new List<PresenceBusinessUnit> { BusinessUnitRepository.Require(c, tx, businessUnit) };
                var sources = SyncStatusRepository.Sources(c, tx);
                var owners = UnitLeaseRepository.Leases(c, tx).ToDictionary(l => l.UnitId);
                var now = _context.Clock.UtcNow;
                var timeout = _context.Store.Shared ? SyncLock.SharedLeaseTimeout : SyncLock.StaleAfter;
                return units.Select(u =>
                {
                    var status = SyncStatusRepository.Find(c, tx, u) ?? new PresenceSyncStatus { BusinessUnit = u.Name };
                    status.RunningOn = running;
                    if (owners.TryGetValue(u.Id, out var owner) && owner.LiveAt(now, timeout))
                    {
                        status.OwnerHost = owner.Host;
                        status.OwnerPid = owner.Pid;
                        status.OwnerSinceUtc = owner.SinceUtc;
                        status.OwnerHeartbeatUtc = owner.HeartbeatUtc;
                        // Several hosts: the one that runs this unit.
                        if (_context.Store.Shared) status.RunningOn = owner.Describe();
                    }
                    else if (_context.Store.Shared) status.RunningOn = null;
                    status.Sources = sources;
                    return status;
                }).ToList();
            });
            foreach (var status in statuses) status.Credentials = apps.CredentialExpiries(status.BusinessUnit);
            return statuses;
        }

        public IReadOnlyList<SyncHistoryEntry> History(string? businessUnit, string? agentId, string? direction, DateTime? since, int? last) =>
            _context.Store.Read((c, tx) =>
            {
                var unit = BusinessUnitRepository.Require(c, tx, businessUnit);
                // History is recorded under the agent's stored id: any spelling of it finds it (the key rule).
                var stored = agentId == null ? null : AgentRepository.StoredId(c, tx, unit, agentId) ?? agentId;
                return HistoryRepository.Query(c, tx, unit, stored, direction, since, last);
            });

        /// <summary>Asks the running sync to stop after its current pass; false when none runs.</summary>
        public bool RequestStop()
        {
            var running = SyncLock.Running(_context.Store, _context.Clock.UtcNow);
            if (running == null)
            {
                _context.Error(ErrorIds.SyncNotRunning, ErrorKind.ObjectNotFound, "No sync runs on this store.", _context.Store.Path);
                return false;
            }
            if (!_context.Host.ShouldProcess(running, "Ask the sync to stop after its current pass")) return false;
            return SyncLock.RequestStop(_context.Store);
        }
    }
}
