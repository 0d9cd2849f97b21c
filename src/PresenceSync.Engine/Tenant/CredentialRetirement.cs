using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Applications.Item.RemoveKey;
using Microsoft.Graph.Applications.Item.RemovePassword;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Removes from the apps the credentials a rotation retired, once their grace period is over.
    /// Who does it: every Set-PresenceSyncApp and Test-PresenceSyncApp on the app, and the running
    /// sync (through this class), with the app's own credential. That is always allowed for a
    /// certificate (removeKey with a proof signed by the current certificate needs no permission);
    /// for a secret it is allowed only when the app holds Application.ReadWrite.OwnedBy (as an owner
    /// of itself) or Application.ReadWrite.All. Otherwise the secret stays pending, reported by
    /// Test-PresenceSyncApp, until an admin runs Set-PresenceSyncApp -CompleteRotation -AdminClientId.
    /// </summary>
    public sealed class CredentialRetirement
    {
        private readonly EngineContext _context;

        public CredentialRetirement(EngineContext context) => _context = context;

        /// <summary>
        /// Removes every due retired credential (of one app, one unit, or the whole store) and
        /// returns those still pending: within their grace period, or refused (see LastError).
        /// </summary>
        public async Task<IReadOnlyList<RetiredCredential>> RemoveDueAsync(string? businessUnit, string? clientId, string? adminClientId, CancellationToken ct)
        {
            var items = _context.Store.Read((c, tx) =>
            {
                var scope = businessUnit == null && clientId == null ? null
                    : AppRepository.ForUnit(c, tx, BusinessUnitRepository.Require(c, tx, businessUnit))
                        .Where(a => clientId == null || string.Equals(a.ClientId, clientId, StringComparison.OrdinalIgnoreCase)).Select(a => a.CredentialId).ToList();
                return CredentialRepository.Pending(c, tx).Where(r => scope == null || scope.Contains(r.CredentialId)).ToList();
            });
            var pending = new List<RetiredCredential>();
            // One admin sign-in for the whole call, not one device code per credential.
            var admins = new Dictionary<string, Microsoft.Graph.GraphServiceClient>();
            foreach (var item in items)
            {
                if (item.RemoveAfterUtc > _context.Clock.UtcNow) { pending.Add(item); continue; }
                var error = await RemoveAsync(item, adminClientId, admins, ct).ConfigureAwait(false);
                var now = _context.Clock.UtcNow;
                if (error == null)
                {
                    _context.Store.Write((c, tx) => { CredentialRepository.MarkRemoved(c, tx, item.Id, now); return true; });
                    SecretVault.Delete(item.SecretStorage, item.SecretRef);
                    _context.Host.WriteVerbose($"Removed the retired {item.Kind.ToString().ToLowerInvariant()} {item.KeyId} from app {item.ClientId}.");
                }
                else
                {
                    _context.Store.Write((c, tx) => { CredentialRepository.MarkFailed(c, tx, item.Id, now, error); return true; });
                    pending.Add(_context.Store.Read((c, tx) => CredentialRepository.Pending(c, tx, item.CredentialId)).First(p => p.Id == item.Id));
                }
            }
            return pending;
        }

        /// <returns>Null when removed (or already gone), else why not.</returns>
        private async Task<string?> RemoveAsync(RetiredCredential item, string? adminClientId, Dictionary<string, Microsoft.Graph.GraphServiceClient> admins, CancellationToken ct)
        {
            var (app, unit) = _context.Store.Read((c, tx) =>
            {
                var a = AppRepository.SharingCredential(c, tx, item.CredentialId).First();
                return (a, BusinessUnitRepository.All(c, tx).First(u => u.Id == a.UnitId).Name);
            });
            try
            {
                var adminKey = $"{app.TenantId}|{app.Endpoint.Key}";
                if (adminClientId != null && !admins.ContainsKey(adminKey)) admins[adminKey] = AdminGraph.Client(_context.Host, app.Endpoint, app.TenantId, adminClientId);
                var client = adminClientId != null ? admins[adminKey] : AppCredentialFactory.Session(app, unit, _context.Secrets).Client;
                var objectId = await AdminGraph.ObjectIdAsync(client, app, adminClientId != null, unit, ct).ConfigureAwait(false);
                var keyId = item.KeyId;
                if (keyId == null && item.KindValue == RetiredCredentialKind.Certificate && item.CertificateThumbprint != null)
                    keyId = await AdminGraph.KeyIdAsync(client, objectId, item.CertificateThumbprint, ct).ConfigureAwait(false);
                if (keyId == null || !Guid.TryParse(keyId, out var key)) return null; // not on the app (any more): nothing to remove
                if (item.KindValue == RetiredCredentialKind.Secret)
                    await client.Applications[objectId].RemovePassword.PostAsync(new RemovePasswordPostRequestBody { KeyId = key }, cancellationToken: ct).ConfigureAwait(false);
                else
                    await client.Applications[objectId].RemoveKey.PostAsync(new RemoveKeyPostRequestBody
                    {
                        KeyId = key,
                        Proof = KeyProof.For(objectId, AppCredentialFactory.LoadCertificate(app, unit, _context.Secrets)),
                    }, cancellationToken: ct).ConfigureAwait(false);
                return null;
            }
            catch (ODataError ex) when ((ex.ResponseStatusCode == 400 || ex.ResponseStatusCode == 404)
                                        && (ex.Error?.Message ?? string.Empty).IndexOf("No ", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return null; // removed by someone else already
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 403)
            {
                return $"The app may not remove its own {(item.KindValue == RetiredCredentialKind.Secret ? "secrets" : "keys")}: an admin must, with " +
                       $"Set-PresenceSyncApp -BusinessUnit '{unit}' -ClientId {app.ClientId} -CompleteRotation -AdminClientId {AppRegistrar.DefaultAdminClientId}.";
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                return Graph.GraphErrorTranslator.Translate(ex, unit, null, app.CredentialType).Error.Message;
            }
        }
    }
}
