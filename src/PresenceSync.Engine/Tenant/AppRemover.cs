using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Removes one of a unit's apps: first clears, through that app, the presence sessions it holds
    /// (their session id is its client id: no other app can clear them), then moves its agents to
    /// the unit's other apps and forgets it. A session that cannot be cleared keeps the app, unless
    /// forced (a session lasts at most 4 hours in Teams).
    /// </summary>
    public sealed class AppRemover
    {
        private const int ProgressId = 7311;
        private readonly EngineContext _context;

        public AppRemover(EngineContext context) => _context = context;

        public async Task<bool> RemoveAsync(string? businessUnit, string? clientId, bool force, CancellationToken ct)
        {
            var (unit, app, holders) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var a = SyncAppService.RequireApp(c, tx, u, clientId);
                var primary = AppRepository.Find(c, tx, u)!.Id == a.Id;
                return (u, a, AgentAppRepository.HoldingSessions(c, tx, u, a.Id, primary).Count);
            });
            var what = holders > 0 ? $"Clear the {holders} presence sessions it holds, move its agents to the unit's other apps and forget it"
                : "Forget the sync app and its stored credential";
            if (!_context.Host.ShouldProcess($"{app.ClientId} (business unit '{unit.Name}')", what)) return false;
            return await RemoveAsync(unit, app, force, ct).ConfigureAwait(false);
        }

        internal async Task<bool> RemoveAsync(PresenceBusinessUnit unit, AppRecord app, bool force, CancellationToken ct)
        {
            var primary = _context.Store.Read((c, tx) => AppRepository.Find(c, tx, unit))?.Id == app.Id;
            var holders = _context.Store.Read((c, tx) => AgentAppRepository.HoldingSessions(c, tx, unit, app.Id, primary));
            var failed = holders.Count == 0 ? 0 : await ClearAsync(unit, app, holders, force, ct).ConfigureAwait(false);
            if (failed > 0 && !force)
                throw EngineContext.Fail(TenantErrorIds.SessionClearFailed, ErrorKind.InvalidOperation,
                    $"{failed} presence sessions of app {app.ClientId} could not be cleared, so the app is kept: nothing else can clear them.", app.ClientId,
                    "Fix what the errors above name and run Remove-PresenceSyncApp again, or add -Force to forget the app anyway (Teams drops its sessions when they expire, within 4 hours).");
            var retired = _context.Store.Read((c, tx) => CredentialRepository.Pending(c, tx, app.CredentialId));
            var (moved, gone) = _context.Store.Write((c, tx) =>
            {
                var n = AppAssignment.MoveAgents(c, tx, unit, app, _context.Clock.UtcNow);
                return (n, AppRepository.Delete(c, tx, app));
            });
            if (gone != null)
            {
                SecretVault.Delete(gone.SecretStorage, gone.SecretRef);
                foreach (var old in retired) SecretVault.Delete(old.SecretStorage, old.SecretRef);
                _context.Secrets?.Remove(gone.ClientId);
                AppCredentialFactory.Forget(gone);
            }
            if (moved > 0) _context.Host.WriteVerbose($"Moved {moved} agents of app {app.ClientId} to the other apps of business unit '{unit.Name}'.");
            return true;
        }

        /// <summary>Clears the sessions in $batch requests of 20; returns how many failed (each reported as an error with the agent as target).</summary>
        private async Task<int> ClearAsync(PresenceBusinessUnit unit, AppRecord app, List<(string AgentId, Guid TeamsUserId)> holders, bool force, CancellationToken ct)
        {
            AppSessionSource sessions;
            try
            {
                sessions = new AppSessionSource(_context, app, unit.Name, app.PresenceBudget);
            }
            catch (PresenceSyncException ex) when (force)
            {
                _context.Host.WriteWarning($"The {holders.Count} presence sessions of app {app.ClientId} cannot be cleared ({ex.Error.Message}); Teams drops them when they expire.");
                return holders.Count;
            }
            var session = sessions.Current;
            var writer = new GraphPresenceWriter(sessions, TimeSpan.FromSeconds(30));
            var retry = new RetryPolicy();
            var activity = $"Clearing the presence sessions of app {app.ClientId}";
            var failed = 0;
            var done = 0;
            for (var start = 0; start < holders.Count; start += writer.MaxWritesPerCall)
            {
                var chunk = holders.Skip(start).Take(writer.MaxWritesPerCall).ToList();
                var outcomes = new Sync.Ports.TeamsWriteOutcome[chunk.Count];
                var pending = Enumerable.Range(0, chunk.Count).ToList();
                for (var attempt = 0; pending.Count > 0; attempt++)
                {
                    foreach (var _ in pending) session.Statistics.Waited(await session.Budget.TakeAsync(ct).ConfigureAwait(false));
                    var sent = await writer.SendAsync(pending.Select(i => new Sync.Ports.TeamsWrite(Sync.Ports.TeamsWriteKind.ClearSession, chunk[i].TeamsUserId, null, null)).ToList(), ct).ConfigureAwait(false);
                    for (var k = 0; k < pending.Count; k++) outcomes[pending[k]] = sent[k];
                    var throttled = pending.Where((_, k) => sent[k].Throttled).ToList();
                    if (throttled.Count == 0 || attempt >= retry.MaxThrottleRetries) break;
                    await Task.Delay(retry.Delay(attempt, sent.FirstOrDefault(o => o.Throttled)?.RetryAfter), ct).ConfigureAwait(false);
                    pending = throttled;
                }
                for (var k = 0; k < chunk.Count; k++)
                {
                    var agentId = chunk[k].AgentId;
                    // A 404 (the app holds no session for the user any more) counts as cleared: the writer says so.
                    var error = outcomes[k].ErrorId;
                    if (error == null) _context.Store.Write((c, tx) => { AgentAppRepository.SessionCleared(c, tx, unit, agentId, _context.Clock.UtcNow); return true; });
                    else
                    {
                        failed++;
                        _context.Error(TenantErrorIds.SessionClearFailed, ErrorKind.ConnectionError,
                            $"The presence session of agent '{agentId}' could not be cleared through app {app.ClientId}: {error} (HTTP {outcomes[k].Status}).", agentId);
                    }
                    _context.Host.WriteProgress(ProgressInfo.Of(ProgressId, activity, ++done, holders.Count));
                }
            }
            _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, activity));
            return failed;
        }
    }
}
