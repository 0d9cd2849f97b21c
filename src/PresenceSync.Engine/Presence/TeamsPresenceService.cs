using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;
using PresenceSync.Engine.TeamsDirectory;

namespace PresenceSync.Engine.Presence
{
    /// <summary>Live Teams presence of mapped users, and setting or clearing one user's presence by hand.</summary>
    public sealed class TeamsPresenceService
    {
        private const int ProgressId = 7303;
        private readonly EngineContext _context;

        public TeamsPresenceService(EngineContext context) => _context = context;

        /// <summary>Reads presence for the given agents (all mapped agents when none): ceil(N/650) requests.</summary>
        public async Task<IReadOnlyList<TeamsPresence>> ReadAsync(string? businessUnit, IReadOnlyCollection<string> agentIds, CancellationToken ct)
        {
            var (unit, app, mappings) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SyncAppService.RequireApp(c, tx, u), MappingRepository.All(c, tx, u));
            });
            var wanted = mappings;
            if (agentIds.Count > 0)
            {
                var byAgent = mappings.ToDictionary(m => m.AgentId, KeyComparer.Instance);
                wanted = new List<PresenceUserMapping>();
                foreach (var id in agentIds.Distinct(KeyComparer.Instance))
                {
                    if (byAgent.TryGetValue(id, out var mapping)) wanted.Add(mapping);
                    else _context.Error(TenantErrorIds.UserNotMapped, ErrorKind.ObjectNotFound, $"Agent '{id}' is not mapped to a Teams user.", id,
                        "Map it with Add-PresenceUserMapping.");
                }
            }
            if (wanted.Count == 0) return Array.Empty<TeamsPresence>();

            var graph = new PresenceGraph(AppCredentialFactory.Session(app, unit.Name, _context.Secrets));
            List<Microsoft.Graph.Models.Presence> read;
            try
            {
                read = await graph.ReadAsync(wanted.Select(m => m.TeamsUserId).ToList(),
                    (done, total) => _context.Host.WriteProgress(ProgressInfo.Of(ProgressId, "Reading Teams presence", done, total)), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name, SyncAppService.ConsentUrl(app));
            }
            _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, "Reading Teams presence"));
            var now = _context.Clock.UtcNow;
            var byUser = read.Where(p => Guid.TryParse(p.Id, out _)).GroupBy(p => Guid.Parse(p.Id!)).ToDictionary(g => g.Key, g => g.First());
            return wanted.Where(m => byUser.ContainsKey(m.TeamsUserId)).Select(m =>
            {
                var p = byUser[m.TeamsUserId];
                return PresenceGraph.ToTeamsPresence(p, unit.Name, m.AgentId, m.TeamsUserId, m.UserPrincipalName, now);
            }).ToList();
        }

        /// <summary>Sets, clears or adds a status message for one user; checked before any request is made.</summary>
        public async Task<bool> WriteAsync(string? businessUnit, PresenceWriteRequest request, CancellationToken ct)
        {
            var (unit, app, user, agent) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                var a = SyncAppService.RequireApp(c, tx, u);
                if (request.ByAgent)
                {
                    var mapping = MappingRepository.ForAgent(c, tx, u, request.Target)
                        ?? throw EngineContext.Fail(TenantErrorIds.UserNotMapped, ErrorKind.ObjectNotFound, $"Agent '{request.Target}' is not mapped to a Teams user.", request.Target);
                    // The agent's own app: its session id is the one the sync holds and clears for this agent.
                    return (u, AppAssignment.Peek(c, tx, u, mapping.AgentId) ?? a, mapping.TeamsUserId, (string?)mapping.AgentId);
                }
                return (u, a, TeamsDirectoryService.Resolve(c, tx, u, request.Target).Id, (string?)null);
            });
            if (request.Clear && (request.State != null || request.ActivityOnly))
                throw EngineContext.Fail(TenantErrorIds.ConflictingPresenceRequest, ErrorKind.InvalidArgument,
                    "Give either -Availability/-Activity or -Clear, not both.", request.Target);
            if (request.ActivityOnly && !request.Clear)
                throw EngineContext.Fail(TenantErrorIds.ConflictingPresenceRequest, ErrorKind.InvalidArgument,
                    "-Activity needs -Availability.", request.Target);
            if (!request.Clear && request.State == null && request.StatusMessage == null)
                throw EngineContext.Fail(TenantErrorIds.NothingToSet, ErrorKind.InvalidArgument,
                    "Give -Availability (with -Activity), -Clear or -StatusMessage.", request.Target);
            if (request.Expiration != null && request.State == null)
                throw EngineContext.Fail(TenantErrorIds.InvalidExpiration, ErrorKind.InvalidArgument,
                    "-Expiration applies only when a presence is set.", request.Target);
            var action = Describe(request);
            if (request.State != null && request.Kind == TeamsTargetKind.Session) PresenceGraph.CheckSessionExpiry(request.Expiration ?? PresenceGraph.MinSessionExpiry);
            if (request.State != null && !(request.Kind == TeamsTargetKind.Session ? PresenceVocabulary.IsSessionPair(request.State) : PresenceVocabulary.IsPreferredPair(request.State)))
            {
                var allowed = request.Kind == TeamsTargetKind.Session ? PresenceVocabulary.SessionPairs : PresenceVocabulary.PreferredPairs;
                throw EngineContext.Fail(TenantErrorIds.InvalidPresenceTarget, ErrorKind.InvalidArgument,
                    $"Graph cannot set {request.State} as {(request.Kind == TeamsTargetKind.Session ? "the app's session" : "preferred presence")}; it accepts {string.Join(", ", allowed)}.",
                    request.State.ToString());
            }
            if (!_context.Host.ShouldProcess($"{agent ?? request.Target} ({user})", action)) return false;

            var graph = new PresenceGraph(AppCredentialFactory.Session(app, unit.Name, _context.Secrets));
            try
            {
                if (request.StatusMessage != null) await graph.SetStatusMessageAsync(user, request.StatusMessage, request.StatusMessageExpiresUtc, ct).ConfigureAwait(false);
                if (request.State != null && request.Kind == TeamsTargetKind.Session)
                    await graph.SetSessionAsync(user, request.State, request.Expiration ?? PresenceGraph.MinSessionExpiry, ct).ConfigureAwait(false);
                else if (request.State != null) await graph.SetPreferredAsync(user, request.State, request.Expiration, ct).ConfigureAwait(false);
                else if (request.Clear && request.Kind == TeamsTargetKind.Preferred) await graph.ClearPreferredAsync(user, ct).ConfigureAwait(false);
                else if (request.Clear) await graph.ClearSessionAsync(user, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, request.Target, SyncAppService.ConsentUrl(app));
            }
            return true;
        }

        private static string Describe(PresenceWriteRequest r)
        {
            if (r.State != null) return r.Kind == TeamsTargetKind.Session ? $"Set the app's presence session to {r.State}" : $"Set preferred presence to {r.State}";
            if (r.Clear) return r.Kind == TeamsTargetKind.Preferred ? "Clear preferred presence" : "Clear the app's presence session";
            return $"Set the status message to '{r.StatusMessage}'";
        }
    }
}
