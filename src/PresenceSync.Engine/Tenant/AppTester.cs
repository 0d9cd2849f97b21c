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
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Checks an app the way the sync will use it: the credential and its expiry (warned 30 days
    /// ahead), a token, and each permission by calling an API it guards without changing anything.
    /// </summary>
    public sealed class AppTester
    {
        public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);
        private readonly EngineContext _context;

        public AppTester(EngineContext context) => _context = context;

        public async Task<AppTestReport> RunAsync(string? businessUnit, CancellationToken ct)
        {
            var (unit, app) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SyncAppService.RequireApp(c, tx, u));
            });
            var checks = new List<AppCheck> { CheckExpiry(app) };
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
                var error = GraphErrorTranslator.Translate(ex, unit.Name).Error;
                checks.Add(new AppCheck("Token", CheckStatus.Failed, $"{error.ErrorId}: {error.Message}", error.RecommendedAction));
                checks.AddRange(app.Permissions.Select(p => new AppCheck(p, CheckStatus.Skipped, "No token, so the permission was not tried.")));
                return new AppTestReport(unit.Name, app.ClientId, checks);
            }

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
            return new AppTestReport(unit.Name, app.ClientId, checks);
        }

        private AppCheck CheckExpiry(AppRecord app)
        {
            var what = app.CredentialType == CredentialType.Certificate ? "certificate" : "client secret";
            if (app.CredentialType == CredentialType.ManagedIdentity)
                return new AppCheck("Credential", CheckStatus.Passed, "Managed identity: nothing to expire or rotate.");
            if (app.CredentialExpiresUtc is not DateTime expires)
                return new AppCheck("Credential", CheckStatus.Warning, $"The {what}'s expiry date is not known.",
                    "Record it with Set-PresenceSyncApp -SecretExpiresUtc, or rotate the secret with Set-PresenceSyncApp -RotateSecret.");
            var left = expires - _context.Clock.UtcNow;
            if (left <= TimeSpan.Zero)
                return new AppCheck("Credential", CheckStatus.Failed, $"The {what} expired on {expires:yyyy-MM-dd}.", "Rotate it: Set-PresenceSyncApp -RotateSecret.");
            if (left <= ExpiryWarning)
                return new AppCheck("Credential", CheckStatus.Warning, $"The {what} expires on {expires:yyyy-MM-dd}, in {Math.Ceiling(left.TotalDays)} days.",
                    "Rotate it before then: Set-PresenceSyncApp -RotateSecret.");
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
