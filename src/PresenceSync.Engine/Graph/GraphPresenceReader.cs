using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Sync.Ports;

namespace PresenceSync.Engine.Graph
{
    /// <summary>
    /// The sync's Teams reads through the SDK: getPresencesByUserId in requests of 650 ids, a few
    /// at a time (each still spends one unit of the app's budget), each with its own deadline so
    /// one hung request fails that read and nothing else.
    /// </summary>
    internal sealed class GraphPresenceReader : ITeamsPresenceReader
    {
        private const int Parallel = 4;
        private readonly Tenant.AppSessionSource _sessions;
        private readonly TimeSpan _timeout;

        public GraphPresenceReader(Tenant.AppSessionSource sessions, TimeSpan timeout)
        {
            _sessions = sessions;
            _timeout = timeout;
        }

        public async Task<IReadOnlyList<TeamsPresence>> ReadAsync(string businessUnit, IReadOnlyList<Guid> users, CancellationToken ct)
        {
            var started = DateTime.UtcNow;
            var chunks = new List<List<Guid>>();
            for (var i = 0; i < users.Count; i += PresenceGraph.MaxIdsPerRead) chunks.Add(users.Skip(i).Take(PresenceGraph.MaxIdsPerRead).ToList());
            var graph = new PresenceGraph(_sessions.Current);
            var results = new List<TeamsPresence>[chunks.Count];
            using var gate = new SemaphoreSlim(Parallel);
            await Task.WhenAll(chunks.Select(async (chunk, index) =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    deadline.CancelAfter(_timeout);
                    List<Microsoft.Graph.Models.Presence> read;
                    try
                    {
                        read = await graph.ReadAsync(chunk, null, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw EngineContext.Fail(Tenant.TenantErrorIds.TimedOut, ErrorKind.OperationTimeout,
                            $"Reading the Teams presence of {chunk.Count} users took longer than {_timeout.TotalSeconds:0} s.", businessUnit);
                    }
                    results[index] = read.Where(p => Guid.TryParse(p.Id, out _))
                        .Select(p => PresenceGraph.ToTeamsPresence(p, businessUnit, null, Guid.Parse(p.Id!), null, started)).ToList();
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            return results.SelectMany(r => r).ToList();
        }
    }
}
