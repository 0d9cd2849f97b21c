using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// One app's presence writes in one Graph $batch (at most 20 items). Each item is throttled by
    /// Graph on its own and the SDK does not retry items answered 429 inside a 200 batch, so their
    /// Retry-After is handed back for the caller's scheduler to wait out. The call has a deadline:
    /// a hung request fails these items and never the writer.
    /// </summary>
    internal sealed class GraphPresenceWriter : ITeamsPresenceWriter
    {
        private readonly Tenant.AppSessionSource _sessions;
        private readonly TimeSpan _timeout;

        public GraphPresenceWriter(Tenant.AppSessionSource sessions, TimeSpan timeout)
        {
            _sessions = sessions;
            _timeout = timeout;
        }

        public string ClientId => _sessions.ClientId;
        public PresenceBudget Budget => _sessions.Current.Budget;
        public GraphStatistics Statistics => _sessions.Current.Statistics;
        public int MaxWritesPerCall => 20;

        public async Task<IReadOnlyList<TeamsWriteOutcome>> SendAsync(IReadOnlyList<TeamsWrite> writes, CancellationToken ct)
        {
            var session = _sessions.Current;
            var graph = new PresenceGraph(session);
            var outcomes = new TeamsWriteOutcome?[writes.Count];
            var content = new BatchRequestContentCollection(session.Client);
            var steps = new Dictionary<string, int>();
            for (var i = 0; i < writes.Count; i++)
            {
                try
                {
                    steps[await content.AddBatchRequestStepAsync(Request(graph, writes[i])).ConfigureAwait(false)] = i;
                    session.Statistics.Request(presence: true);
                }
                catch (PresenceSyncException ex)
                {
                    outcomes[i] = new TeamsWriteOutcome(400, null, ex.Error.ErrorId); // refused before sending: costs no budget
                }
            }
            if (steps.Count > 0) await SendBatchAsync(session, writes, content, steps, outcomes, ct).ConfigureAwait(false);
            return outcomes.Select(o => o ?? new TeamsWriteOutcome(0, null, Tenant.TenantErrorIds.RequestFailed)).ToList();
        }

        private async Task SendBatchAsync(GraphSession session, IReadOnlyList<TeamsWrite> writes, BatchRequestContentCollection content, Dictionary<string, int> steps, TeamsWriteOutcome?[] outcomes, CancellationToken ct)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(_timeout);
            try
            {
                var response = await session.Client.Batch.PostAsync(content, deadline.Token).ConfigureAwait(false);
                var statuses = await response.GetResponsesStatusCodesAsync().ConfigureAwait(false);
                foreach (var pair in steps)
                {
                    var status = statuses.TryGetValue(pair.Key, out var s) ? (int)s : 500;
                    TimeSpan? retryAfter = null;
                    if (status == 429)
                    {
                        session.Statistics.Throttle();
                        using var item = await response.GetResponseByIdAsync(pair.Key).ConfigureAwait(false);
                        retryAfter = PacedRetryHandler.RetryAfter(item);
                    }
                    outcomes[pair.Value] = new TeamsWriteOutcome(status, retryAfter, Ok(status, pair.Value) ? null : GraphErrorTranslator.IdFor(status));
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                foreach (var index in steps.Values) outcomes[index] = new TeamsWriteOutcome(0, null, Tenant.TenantErrorIds.TimedOut);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                var id = GraphErrorTranslator.Translate(ex, null).Error.ErrorId;
                foreach (var index in steps.Values) outcomes[index] = new TeamsWriteOutcome(0, null, id);
            }

            // A clear that finds nothing to clear (404) has done its job.
            bool Ok(int status, int index) => (status >= 200 && status <= 299) || (status == 404 && writes[index].Clears);
        }

        private static RequestInformation Request(PresenceGraph graph, TeamsWrite write) => write.Kind switch
        {
            TeamsWriteKind.SetSession => graph.SetSessionRequest(write.UserId, write.State!, write.Expiry!.Value),
            TeamsWriteKind.ClearSession => graph.ClearSessionRequest(write.UserId),
            TeamsWriteKind.SetPreferred => graph.SetPreferredRequest(write.UserId, write.State!, write.Expiry),
            // An empty message removes the one shown.
            TeamsWriteKind.SetStatusMessage => graph.SetStatusMessageRequest(write.UserId, write.Message!, write.Expiry is TimeSpan e ? DateTime.UtcNow + e : (DateTime?)null),
            TeamsWriteKind.ClearStatusMessage => graph.SetStatusMessageRequest(write.UserId, string.Empty, null),
            _ => graph.ClearPreferredRequest(write.UserId),
        };
    }
}
