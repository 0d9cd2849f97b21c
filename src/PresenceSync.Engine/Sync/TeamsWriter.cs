using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models.ODataErrors;
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

        public TeamsWriter(PresenceGraph graph) => _graph = graph;

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
                switch (action.Kind)
                {
                    case SyncActionKind.SetSession:
                        await _graph.SetSessionAsync(user, action.State!, action.Expiry!.Value, ct).ConfigureAwait(false);
                        s.SessionState = action.State;
                        s.SessionWrittenUtc = now;
                        s.SessionExpiresUtc = now + action.Expiry.Value;
                        break;
                    case SyncActionKind.ClearSession:
                        await Tolerate404(_graph.ClearSessionAsync(user, ct)).ConfigureAwait(false);
                        s.SessionState = null;
                        s.SessionWrittenUtc = null;
                        s.SessionExpiresUtc = null;
                        s.ClearedUtc = now;
                        break;
                    case SyncActionKind.SetPreferred:
                        await _graph.SetPreferredAsync(user, action.State!, action.Expiry, ct).ConfigureAwait(false);
                        s.PreferredState = action.State;
                        s.PreferredExpiresUtc = action.Expiry is TimeSpan e ? now + e : (DateTime?)null;
                        break;
                    case SyncActionKind.ClearPreferred:
                        await Tolerate404(_graph.ClearPreferredAsync(user, ct)).ConfigureAwait(false);
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

        private static async Task Tolerate404(Task call)
        {
            try
            {
                await call.ConfigureAwait(false);
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 404)
            {
                // No session (or no preferred presence) to clear: the wanted state already holds.
            }
        }
    }
}
