using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Learns when an app's credential expires from the application's own passwordCredentials and
    /// keyCredentials, where the app may read its registration (Application.Read.All). A secret is
    /// matched by its keyId, or by Graph's hint (its first three characters) when PresenceSync did not
    /// create it. An expiry the admin recorded is kept: it is the admin's word.
    /// </summary>
    internal sealed class CredentialExpiryReader
    {
        private readonly EngineContext _context;

        public CredentialExpiryReader(EngineContext context) => _context = context;

        public async Task RefreshAsync(PresenceBusinessUnit unit, AppRecord app, GraphSession session, CancellationToken ct)
        {
            if (app.CredentialType == CredentialType.ManagedIdentity || app.ExpirySource == CredentialExpirySource.Recorded) return;
            Microsoft.Graph.Models.Application? registration;
            try
            {
                registration = await session.Client.ApplicationsWithAppId(app.ClientId).GetAsync(r => r.QueryParameters.Select = new[] { "id", "passwordCredentials", "keyCredentials" }, ct)
                    .ConfigureAwait(false);
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 403 || ex.ResponseStatusCode == 404)
            {
                return; // the app may not read its registration: keep what is known
            }
            DateTime? expires = null;
            if (app.CredentialType == CredentialType.ClientSecret)
            {
                var passwords = registration?.PasswordCredentials ?? new System.Collections.Generic.List<Microsoft.Graph.Models.PasswordCredential>();
                var match = passwords.FirstOrDefault(p => app.SecretKeyId != null && string.Equals(p.KeyId?.ToString(), app.SecretKeyId, StringComparison.OrdinalIgnoreCase));
                if (match == null)
                {
                    string? secret = null;
                    try { secret = AppCredentialFactory.ResolveSecret(app, unit.Name, _context.Secrets); } catch (PresenceSyncException) { }
                    var hinted = secret == null ? null : passwords.Where(p => p.Hint != null && secret.StartsWith(p.Hint, StringComparison.Ordinal)).ToList();
                    if (hinted?.Count == 1) match = hinted[0];
                }
                expires = match?.EndDateTime?.UtcDateTime;
                if (match?.KeyId != null) app.SecretKeyId = match.KeyId.ToString();
            }
            else if (app.CertificateThumbprint != null)
            {
                var thumb = Enumerable.Range(0, app.CertificateThumbprint.Length / 2).Select(i => Convert.ToByte(app.CertificateThumbprint.Substring(i * 2, 2), 16)).ToArray();
                var key = registration?.KeyCredentials?.FirstOrDefault(k => k.CustomKeyIdentifier != null && k.CustomKeyIdentifier.SequenceEqual(thumb));
                expires = key?.EndDateTime?.UtcDateTime;
                if (key?.KeyId != null) app.SecretKeyId = key.KeyId.ToString();
            }
            if (expires == null) return;
            app.CredentialExpiresUtc = expires;
            app.ExpirySource = CredentialExpirySource.Graph;
            app.ApplicationObjectId ??= registration?.Id;
            _context.Store.Write((c, tx) =>
            {
                Db(c, tx, app);
                return true;
            });
        }

        private static void Db(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, AppRecord app) =>
            Store.Db.Execute(c, tx, "UPDATE app_credential SET credential_expires_utc = $e, expiry_source = 'Graph', secret_key_id = coalesce($k, secret_key_id), " +
                                    "application_object_id = coalesce(application_object_id, $o) WHERE id = $id",
                ("$e", Store.Db.Timestamp(app.CredentialExpiresUtc!.Value)), ("$k", app.SecretKeyId), ("$o", app.ApplicationObjectId), ("$id", app.CredentialId));
    }
}
