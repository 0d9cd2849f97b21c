using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// Carries out one Teams action through Graph and updates what the engine holds. A clear that
    /// finds no session (404) has done its job; any other failure is returned as an error id.
    /// </summary>
    internal sealed class TeamsWriter
    {
        private readonly PresenceGraph _graph;
        private readonly PresenceWriteBatcher _batcher;

        public TeamsWriter(PresenceGraph graph, PresenceWriteBatcher batcher)
        {
            _graph = graph;
            _batcher = batcher;
        }

        public static string Operation(SyncActionKind kind) => kind switch
        {
            SyncActionKind.SetSession => "setPresence",
            SyncActionKind.ClearSession => "clearPresence",
            SyncActionKind.SetPreferred => "setUserPreferredPresence",
            _ => "clearUserPreferredPresence",
        };

        /// <returns>(error id or null, latency in ms)</returns>
        public async Task<(string? Error, int LatencyMs)> ApplyAsync(AgentWork work, SyncAction action, DateTime now, CancellationToken ct)
        {
            var s = work.State;
            var user = action.TeamsUserId ?? work.TeamsUserId;
            var watch = Stopwatch.StartNew();
            try
            {
                Func<Microsoft.Kiota.Abstractions.RequestInformation> request = action.Kind switch
                {
                    SyncActionKind.SetSession => () => _graph.SetSessionRequest(user, action.State!, action.Expiry!.Value),
                    SyncActionKind.ClearSession => () => _graph.ClearSessionRequest(user),
                    SyncActionKind.SetPreferred => () => _graph.SetPreferredRequest(user, action.State!, action.Expiry),
                    _ => () => _graph.ClearPreferredRequest(user),
                };
                request(); // checks the pair and expiry before anything is queued
                var status = (int)await _batcher.SubmitAsync(request, ct).ConfigureAwait(false);
                var clearing = action.Kind == SyncActionKind.ClearSession || action.Kind == SyncActionKind.ClearPreferred;
                // A clear that finds nothing to clear (404) has done its job.
                if ((status < 200 || status > 299) && !(clearing && status == 404)) return (ErrorFor(status), (int)watch.ElapsedMilliseconds);
                switch (action.Kind)
                {
                    case SyncActionKind.SetSession:
                        s.SessionState = action.State;
                        s.SessionWrittenUtc = now;
                        s.SessionExpiresUtc = now + action.Expiry!.Value;
                        break;
                    case SyncActionKind.ClearSession:
                        s.SessionState = null;
                        s.SessionWrittenUtc = null;
                        s.SessionExpiresUtc = null;
                        s.ClearedUtc = now;
                        break;
                    case SyncActionKind.SetPreferred:
                        s.PreferredState = action.State;
                        s.PreferredExpiresUtc = action.Expiry is TimeSpan e ? now + e : (DateTime?)null;
                        break;
                    case SyncActionKind.ClearPreferred:
                        s.PreferredState = null;
                        s.PreferredExpiresUtc = null;
                        s.ClearedUtc = now;
                        break;
                }
                return (null, (int)watch.ElapsedMilliseconds);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                return (GraphErrorTranslator.Translate(ex, work.AgentId).Error.ErrorId, (int)watch.ElapsedMilliseconds);
            }
        }

        /// <summary>The same ids GraphErrorTranslator gives for whole requests, for an item of a batch.</summary>
        private static string ErrorFor(int status) => status switch
        {
            401 => Tenant.TenantErrorIds.AuthenticationFailed,
            403 => Tenant.TenantErrorIds.PermissionMissing,
            404 => Tenant.TenantErrorIds.NotFound,
            429 => Tenant.TenantErrorIds.Throttled,
            _ when status >= 500 => Tenant.TenantErrorIds.ServiceUnavailable,
            _ => Tenant.TenantErrorIds.BadRequest,
        };
    }
}
