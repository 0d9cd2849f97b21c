using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Delta;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Hosting;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;
using PresenceSync.Engine.Tenant;

namespace PresenceSync.Engine.TeamsDirectory
{
    /// <summary>
    /// Reads the directory from Graph into the store: the whole of it the first time (through the
    /// delta query, which hands back a delta link), only the changes after that. Each page lands
    /// in one transaction; users gone from the directory are flagged, never dropped, so their
    /// mappings can be reported.
    /// </summary>
    public sealed class DirectorySync
    {
        private const int ProgressId = 7302;
        private static readonly string[] Fields = { "id", "userPrincipalName", "mail", "proxyAddresses", "displayName", "accountEnabled" };
        private readonly EngineContext _context;

        public DirectorySync(EngineContext context) => _context = context;

        public async Task<DirectorySyncResult> RunAsync(string? businessUnit, bool full, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            var (unit, app, deltaLink) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SyncAppService.RequireApp(c, tx, u), DirectorySyncRepository.DeltaLink(c, tx, u));
            });
            var session = AppCredentialFactory.Session(app, unit.Name, _context.Secrets);
            if (full || deltaLink == null) return await SweepAsync(unit, session, null, watch, ct).ConfigureAwait(false);
            try
            {
                return await SweepAsync(unit, session, deltaLink, watch, ct).ConfigureAwait(false);
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 410 || ex.Error?.Code == "SyncStateNotFound" || ex.Error?.Code == "resyncRequired")
            {
                _context.Host.WriteWarning("Graph no longer knows the last delta link; reading the whole directory again.");
                return await SweepAsync(unit, session, null, watch, ct).ConfigureAwait(false);
            }
        }

        private async Task<DirectorySyncResult> SweepAsync(PresenceBusinessUnit unit, GraphSession session, string? deltaLink, Stopwatch watch, CancellationToken ct)
        {
            var full = deltaLink == null;
            var seen = new HashSet<Guid>();
            var removed = new List<Guid>();
            int received = 0, stored = 0, disabled = 0;
            DeltaGetResponse? page;
            try
            {
                page = full
                    ? await session.Client.Users.Delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Select = Fields, ct).ConfigureAwait(false)
                    : await session.Client.Users.Delta.WithUrl(deltaLink!).GetAsDeltaGetResponseAsync(cancellationToken: ct).ConfigureAwait(false);
                while (page != null)
                {
                    var users = page.Value ?? new List<User>();
                    received += users.Count;
                    var (s, d) = StorePage(unit, users, seen, removed);
                    stored += s;
                    disabled += d;
                    _context.Host.WriteProgress(new ProgressInfo(ProgressId, "Reading the Teams directory", $"{received} users", -1));
                    if (page.OdataNextLink == null)
                    {
                        deltaLink = page.OdataDeltaLink;
                        break;
                    }
                    page = await session.Client.Users.Delta.WithUrl(page.OdataNextLink).GetAsDeltaGetResponseAsync(cancellationToken: ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is ODataError gone && gone.ResponseStatusCode == 410 && !full))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name);
            }
            _context.Host.WriteProgress(ProgressInfo.Complete(ProgressId, "Reading the Teams directory"));

            var deleted = _context.Store.Write((c, tx) =>
            {
                // A full sweep saw every user: whoever it did not see has left the directory.
                var gone = full ? DirectorySyncRepository.ActiveUserIds(c, tx, unit).Where(id => !seen.Contains(id)).Concat(removed) : removed;
                var count = DirectorySyncRepository.MarkDeleted(c, tx, unit, gone.Distinct().ToList(), _context.Now);
                DirectorySyncRepository.Save(c, tx, unit, deltaLink, full, _context.Now);
                return count;
            });
            var affected = ReportMappings(unit);
            return new DirectorySyncResult(unit.Name, full, received, stored, disabled, deleted, affected, watch.Elapsed);
        }

        private (int Stored, int Disabled) StorePage(PresenceBusinessUnit unit, List<User> users, HashSet<Guid> seen, List<Guid> removed) =>
            _context.Store.Write((c, tx) =>
            {
                int stored = 0, disabled = 0;
                foreach (var user in users)
                {
                    if (!Guid.TryParse(user.Id, out var id)) continue;
                    if (user.AdditionalData != null && user.AdditionalData.ContainsKey("@removed"))
                    {
                        removed.Add(id);
                        continue;
                    }
                    seen.Add(id);
                    if (string.IsNullOrEmpty(user.UserPrincipalName)) continue;
                    var input = new TeamsUserInput
                    {
                        Id = user.Id,
                        UserPrincipalName = user.UserPrincipalName,
                        Mail = user.Mail,
                        ProxyAddresses = user.ProxyAddresses ?? new List<string>(),
                        DisplayName = user.DisplayName,
                        AccountEnabled = user.AccountEnabled ?? true,
                    };
                    TeamsUserRepository.Upsert(c, tx, unit, id, input, _context.Now);
                    stored++;
                    if (!input.AccountEnabled) disabled++;
                }
                return (stored, disabled);
            });

        /// <summary>Warns about every mapping whose Teams user is disabled or gone; the admin decides what to do.</summary>
        private int ReportMappings(PresenceBusinessUnit unit)
        {
            var (mappings, users) = _context.Store.Read((c, tx) =>
                (MappingRepository.All(c, tx, unit), TeamsUserRepository.All(c, tx, unit).ToDictionary(u => u.Id)));
            var affected = 0;
            foreach (var mapping in mappings)
            {
                users.TryGetValue(mapping.TeamsUserId, out var user);
                var problem = user == null || user.Deleted ? "was deleted from the directory" : !user.AccountEnabled ? "is disabled" : null;
                if (problem == null) continue;
                affected++;
                _context.Host.WriteWarning($"Agent '{mapping.AgentId}' is mapped to Teams user '{mapping.UserPrincipalName ?? mapping.TeamsUserId.ToString()}', who {problem}.");
            }
            return affected;
        }
    }
}
