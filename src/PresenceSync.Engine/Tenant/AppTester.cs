using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.ClearPresence;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Checks each app the way the sync will use it: the credential and its expiry (warned 30 days
    /// ahead, read from Graph where the app may), a token, each permission by calling an API it
    /// guards without changing anything, and the credentials a rotation retired.
    /// </summary>
    public sealed class AppTester
    {
        public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);
        private readonly EngineContext _context;

        public AppTester(EngineContext context) => _context = context;

        /// <summary>One report per app of the unit (or the app named).</summary>
        public async Task<IReadOnlyList<AppTestReport>> RunAsync(string? businessUnit, string? clientId, CancellationToken ct)
        {
            var (unit, apps) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                if (clientId != null) return (u, new List<AppRecord> { SyncAppService.RequireApp(c, tx, u, clientId) });
                var all = AppRepository.ForUnit(c, tx, u);
                return (u, all.Count > 0 ? all : new List<AppRecord> { SyncAppService.RequireApp(c, tx, u) });
            });
            var reports = new List<AppTestReport>();
            foreach (var app in apps) reports.Add(await TestAsync(unit, app, ct).ConfigureAwait(false));
            return reports;
        }

        private async Task<AppTestReport> TestAsync(PresenceBusinessUnit unit, AppRecord app, CancellationToken ct)
        {
            var checks = new List<AppCheck>();
            var consent = SyncAppService.ConsentUrl(app);
            GraphSession session;
            try
            {
                session = AppCredentialFactory.Session(app, unit.Name, _context.Secrets);
                await session.Credential.GetTokenAsync(new TokenRequestContext(new[] { app.Endpoint.Scope }), ct).ConfigureAwait(false);
                checks.Add(new AppCheck("Token", CheckStatus.Passed, $"Signed in as app {app.ClientId} in tenant {app.TenantId}."));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                var error = GraphErrorTranslator.Translate(ex, unit.Name, null, app.CredentialType).Error;
                checks.Insert(0, CheckExpiry(unit, app));
                checks.Add(new AppCheck("Token", CheckStatus.Failed, $"{error.ErrorId}: {error.Message}", error.RecommendedAction));
                checks.AddRange(app.Permissions.Select(p => new AppCheck(p, CheckStatus.Skipped, "No token, so the permission was not tried.")));
                return new AppTestReport(unit.Name, app.ClientId, checks);
            }
            await new CredentialExpiryReader(_context).RefreshAsync(unit, app, session, ct).ConfigureAwait(false);
            checks.Insert(0, CheckExpiry(unit, app));

            // A user to probe presence with: one the store knows, else one the directory gives.
            string? someUser = _context.Store.Read((c, tx) => TeamsUserRepository.All(c, tx, unit).FirstOrDefault()?.Id.ToString());
            if (app.Permissions.Contains(GraphPermission.UserReadAll))
            {
                checks.Add(await Probe(GraphPermission.UserReadAll, consent, async () =>
                {
                    var page = await session.Client.Users.GetAsync(r => { r.QueryParameters.Top = 1; r.QueryParameters.Select = new[] { "id" }; }, ct).ConfigureAwait(false);
                    someUser ??= page?.Value?.FirstOrDefault()?.Id;
                    return "Read the directory.";
                }).ConfigureAwait(false));
            }
            var user = someUser ?? Guid.Empty.ToString();
            checks.Add(await Probe(app.Permissions.Contains(GraphPermission.PresenceReadWriteAll) ? "Presence read" : GraphPermission.PresenceReadAll, consent, async () =>
            {
                await session.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
                    new GetPresencesByUserIdPostRequestBody { Ids = new List<string> { user } }, cancellationToken: ct).ConfigureAwait(false);
                return "Read presence.";
            }).ConfigureAwait(false));
            if (app.Permissions.Contains(GraphPermission.PresenceReadWriteAll))
            {
                // clearPresence with a session id that is not the app's is refused as a bad request
                // once the permission has been checked, so it proves the permission and changes nothing.
                checks.Add(await Probe(GraphPermission.PresenceReadWriteAll, consent, async () =>
                {
                    try
                    {
                        await session.Client.Users[user].Presence.ClearPresence.PostAsync(
                            new ClearPresencePostRequestBody { SessionId = Guid.Empty.ToString() }, cancellationToken: ct).ConfigureAwait(false);
                    }
                    catch (ODataError ex) when (ex.ResponseStatusCode == 400 || ex.ResponseStatusCode == 404)
                    {
                    }
                    return "Allowed to set presence.";
                }).ConfigureAwait(false));
            }
            if (_context.Store.Read((c, tx) => CredentialRepository.Pending(c, tx, app.CredentialId)).Count > 0)
                checks.Add(await CheckRetiredAsync(unit, app, ct).ConfigureAwait(false));
            return new AppTestReport(unit.Name, app.ClientId, checks);
        }

        /// <summary>Removes the retired credentials that are due (with the app's own credential) and reports what is left.</summary>
        private async Task<AppCheck> CheckRetiredAsync(PresenceBusinessUnit unit, AppRecord app, CancellationToken ct)
        {
            var pending = await new CredentialRetirement(_context).RemoveDueAsync(unit.Name, app.ClientId, null, ct).ConfigureAwait(false);
            if (pending.Count == 0) return new AppCheck("Retired credentials", CheckStatus.Passed, "The credentials replaced by the last rotation were removed from the app.");
            var refused = pending.Where(p => p.LastError != null).ToList();
            if (refused.Count == 0)
                return new AppCheck("Retired credentials", CheckStatus.Passed,
                    $"{pending.Count} replaced credential(s) stay valid until {pending.Max(p => p.RemoveAfterUtc):u} (the grace period), then the next command or sync removes them.");
            return new AppCheck("Retired credentials", CheckStatus.Warning,
                $"{refused.Count} replaced credential(s) are past their grace period but still on the app: {refused[0].LastError}",
                $"Set-PresenceSyncApp -BusinessUnit '{unit.Name}' -ClientId {app.ClientId} -CompleteRotation -AdminClientId {AppRegistrar.DefaultAdminClientId}");
        }

        private AppCheck CheckExpiry(PresenceBusinessUnit unit, AppRecord app)
        {
            var what = app.CredentialType == CredentialType.Certificate ? "certificate" : "client secret";
            var renew = AppCredentialExpiry.RenewCommandFor(unit.Name, app.ClientId, app.CredentialType);
            if (app.CredentialType == CredentialType.ManagedIdentity)
                return new AppCheck("Credential", CheckStatus.Passed, "Managed identity: nothing to expire or rotate.");
            if (app.CredentialExpiresUtc is not DateTime expires)
                return new AppCheck("Credential", CheckStatus.Warning, $"The {what}'s expiry date is not known.",
                    AppCredentialExpiry.NoteFor(app) ?? "Rotate it: " + renew);
            var left = expires - _context.Clock.UtcNow;
            if (left <= TimeSpan.Zero)
                return new AppCheck("Credential", CheckStatus.Failed, $"The {what} expired on {expires:yyyy-MM-dd}.",
                    app.CredentialType == CredentialType.Certificate
                        ? "An expired certificate cannot prove a rotation: upload a new one in the Entra admin center and record it with Set-PresenceSyncApp -CertificatePath or -CertificateThumbprint."
                        : "Rotate it: " + renew);
            if (left <= ExpiryWarning)
                return new AppCheck("Credential", CheckStatus.Warning, $"The {what} expires on {expires:yyyy-MM-dd}, in {Math.Ceiling(left.TotalDays)} days.",
                    "Rotate it before then: " + renew);
            return new AppCheck("Credential", CheckStatus.Passed, $"The {what} is valid until {expires:yyyy-MM-dd}.");
        }

        private static async Task<AppCheck> Probe(string name, string consentUrl, Func<Task<string>> call)
        {
            try
            {
                return new AppCheck(name, CheckStatus.Passed, await call().ConfigureAwait(false));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                var error = GraphErrorTranslator.Translate(ex, name, consentUrl).Error;
                return new AppCheck(name, CheckStatus.Failed, $"{error.ErrorId}: {error.Message}", error.RecommendedAction);
            }
        }
    }
}
