using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Applications.Item.AddKey;
using Microsoft.Graph.Applications.Item.AddPassword;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Rotates an app's secret or certificate without a gap: adds the new credential to the app,
    /// switches the shared record to it (a new version, which every unit and a running sync see),
    /// and retires the old one, which stays valid until it is removed after the grace period (one
    /// token lifetime by default) by <see cref="CredentialRetirement"/>. A certificate app rolls its
    /// own keys (addKey with a proof signed by the current certificate needs no permission); an app
    /// may not add secrets to itself, so a secret rotation usually needs an admin (-AdminClientId).
    /// </summary>
    public sealed class CredentialRotator
    {
        /// <summary>One token lifetime: a token taken with the old credential is still accepted this long.</summary>
        public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromMinutes(60);
        private readonly EngineContext _context;

        public CredentialRotator(EngineContext context) => _context = context;

        public async Task<PresenceSyncApp> RotateSecretAsync(string? businessUnit, string? clientId, TimeSpan lifetime, string? adminClientId, TimeSpan grace, CancellationToken ct)
        {
            var (unit, record) = Load(businessUnit, clientId);
            if (record.CredentialType != CredentialType.ClientSecret || record.SecretStorage == SecretStorage.Environment)
            {
                // A new secret must land somewhere the sync will find it; from the environment it cannot be put back.
                throw EngineContext.Fail(TenantErrorIds.RotationNotPossible, ErrorKind.InvalidOperation,
                    record.CredentialType != CredentialType.ClientSecret
                        ? $"App {record.ClientId} uses a {record.CredentialType}, not a client secret: there is no secret to rotate."
                        : "The app's secret comes from the environment, where PresenceSync cannot store a new one.",
                    unit.Name, record.CredentialType == CredentialType.Certificate
                        ? $"Rotate its certificate: Set-PresenceSyncApp -BusinessUnit '{unit.Name}' -ClientId {record.ClientId} -RotateCertificate."
                        : record.CredentialType == CredentialType.ManagedIdentity ? "A managed identity has nothing to rotate."
                        : "Rotate the secret in the Entra admin center and update the environment variable, or switch to a certificate.");
            }
            var client = AdminGraph.For(_context, record, unit.Name, adminClientId);
            try
            {
                var objectId = await AdminGraph.ObjectIdAsync(client, record, adminClientId != null, unit.Name, ct).ConfigureAwait(false);
                var password = await client.Applications[objectId].AddPassword.PostAsync(new AddPasswordPostRequestBody
                {
                    PasswordCredential = new PasswordCredential { DisplayName = "PresenceSync", EndDateTime = DateTimeOffset.UtcNow + lifetime },
                }, cancellationToken: ct).ConfigureAwait(false);
                var old = record.Clone();
                record.ApplicationObjectId = objectId;
                record.SecretKeyId = password!.KeyId?.ToString();
                record.SecretStorage = SecretStorage.Session;
                record.ProtectedSecret = null;
                record.SecretRef = null;
                record.CredentialExpiresUtc = password.EndDateTime?.UtcDateTime;
                record.ExpirySource = CredentialExpirySource.Graph;
                return await SwitchAsync(unit, record, old, RetiredCredentialKind.Secret, password.SecretText!, grace, adminClientId, ct).ConfigureAwait(false);
            }
            catch (ODataError ex) when (ex.ResponseStatusCode == 403 && adminClientId == null)
            {
                throw EngineContext.Fail(TenantErrorIds.PermissionMissing, ErrorKind.PermissionDenied,
                    "The app may not change its own secrets.", unit.Name,
                    $"Sign in as an admin for the rotation: Set-PresenceSyncApp -ClientId {record.ClientId} -RotateSecret -AdminClientId {AppRegistrar.DefaultAdminClientId}.");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name, null, CredentialType.ClientSecret);
            }
        }

        /// <summary>Makes a new self-signed certificate (user store, or a PFX at request.CertificatePath) and adds it with a proof signed by the current one.</summary>
        public async Task<PresenceSyncApp> RotateCertificateAsync(string? businessUnit, string? clientId, AppRequest request, string? adminClientId, TimeSpan grace, CancellationToken ct)
        {
            var (unit, record) = Load(businessUnit, clientId);
            if (record.CredentialType != CredentialType.Certificate)
                throw EngineContext.Fail(TenantErrorIds.CertificateRotationNotPossible, ErrorKind.InvalidOperation,
                    $"App {record.ClientId} uses a {record.CredentialType}, not a certificate: there is no certificate to rotate.", unit.Name,
                    record.CredentialType == CredentialType.ClientSecret
                        ? $"Rotate its secret: Set-PresenceSyncApp -BusinessUnit '{unit.Name}' -ClientId {record.ClientId} -RotateSecret -AdminClientId {AppRegistrar.DefaultAdminClientId}."
                        : "A managed identity has nothing to rotate.");
            X509Certificate2 current;
            try
            {
                current = AppCredentialFactory.LoadCertificate(record, unit.Name, _context.Secrets);
            }
            catch (PresenceSyncException ex)
            {
                throw EngineContext.Fail(TenantErrorIds.CertificateRotationNotPossible, ErrorKind.InvalidOperation,
                    $"The current certificate of app {record.ClientId} cannot be loaded ({ex.Error.Message}), and Graph needs it to prove the rotation.", unit.Name,
                    "Upload a new certificate to the app in the Entra admin center and record it with Set-PresenceSyncApp -CertificatePath or -CertificateThumbprint.");
            }
            if (current.NotAfter.ToUniversalTime() <= DateTime.UtcNow)
                throw EngineContext.Fail(TenantErrorIds.CertificateRotationNotPossible, ErrorKind.InvalidOperation,
                    $"The current certificate of app {record.ClientId} expired on {current.NotAfter.ToUniversalTime():yyyy-MM-dd}: Graph accepts a rotation only with a proof signed by a valid one.", unit.Name,
                    "Upload a new certificate to the app in the Entra admin center and record it with Set-PresenceSyncApp -CertificatePath or -CertificateThumbprint.");
            var client = AdminGraph.For(_context, record, unit.Name, adminClientId);
            try
            {
                var objectId = await AdminGraph.ObjectIdAsync(client, record, adminClientId != null, unit.Name, ct).ConfigureAwait(false);
                var next = SelfSignedCertificate.Create(record.DisplayName ?? "PresenceSync " + record.ClientId, request.CertificateLifetime);
                var added = await client.Applications[objectId].AddKey.PostAsync(new AddKeyPostRequestBody
                {
                    KeyCredential = KeyFor(next),
                    Proof = KeyProof.For(objectId, current),
                }, cancellationToken: ct).ConfigureAwait(false);
                var old = record.Clone();
                record.ApplicationObjectId = objectId;
                var secret = KeepCertificate(record, next, request.CertificatePath, request.CertificatePassword);
                record.SecretKeyId = added?.KeyId?.ToString();
                return await SwitchAsync(unit, record, old, RetiredCredentialKind.Certificate, secret, grace, adminClientId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name, null, CredentialType.Certificate);
            }
        }

        /// <summary>The key credential Graph gets: the certificate's public part only.</summary>
        internal static KeyCredential KeyFor(X509Certificate2 certificate) => new KeyCredential
        {
            Type = "AsymmetricX509Cert",
            Usage = "Verify",
            Key = certificate.Export(X509ContentType.Cert),
            DisplayName = "CN=" + certificate.GetNameInfo(X509NameType.SimpleName, false),
            StartDateTime = certificate.NotBefore.ToUniversalTime(),
            EndDateTime = certificate.NotAfter.ToUniversalTime(),
        };

        /// <summary>Keeps a new certificate (user store, or a PFX file) and points the record at it; returns the PFX password to keep at rest, if any.</summary>
        internal static string? KeepCertificate(AppRecord record, X509Certificate2 certificate, string? path, string? password)
        {
            record.CredentialType = CredentialType.Certificate;
            record.CredentialChanged = true;
            record.CertificateThumbprint = certificate.Thumbprint;
            record.CredentialExpiresUtc = certificate.NotAfter.ToUniversalTime();
            record.ExpirySource = CredentialExpirySource.Certificate;
            record.ProtectedSecret = null;
            record.SecretRef = null;
            if (path == null)
            {
                SelfSignedCertificate.ToUserStore(certificate);
                record.CertificatePath = null;
                record.SecretStorage = SecretStorage.None;
                return null;
            }
            SelfSignedCertificate.ToFile(certificate, path, password);
            record.CertificatePath = path;
            record.SecretStorage = string.IsNullOrEmpty(password) ? SecretStorage.None : SecretStorage.Session;
            return string.IsNullOrEmpty(password) ? null : password;
        }

        private async Task<PresenceSyncApp> SwitchAsync(PresenceBusinessUnit unit, AppRecord record, AppRecord old, RetiredCredentialKind kind, string? secret,
            TimeSpan grace, string? adminClientId, CancellationToken ct)
        {
            record.CredentialChanged = true;
            record.UpdatedUtc = _context.Clock.UtcNow;
            var now = _context.Clock.UtcNow;
            var app = new SyncAppService(_context).Save(unit, record, secret, SyncAppService.What(record), keepOldSecret: true,
                (c, tx) => CredentialRepository.Retire(c, tx, record.CredentialId, kind, old.SecretKeyId, old, now, now + grace));
            if (old.SecretKeyId == null && old.CertificateThumbprint == null)
                _context.Host.WriteWarning($"PresenceSync does not know which {kind.ToString().ToLowerInvariant()} app {record.ClientId} used before: " +
                                           $"remove it in the Entra admin center after {now + grace:u}.");
            if (grace <= TimeSpan.Zero)
            {
                await new CredentialRetirement(_context).RemoveDueAsync(unit.Name, record.ClientId, adminClientId, ct).ConfigureAwait(false);
                return new SyncAppService(_context).Get(unit.Name, record.ClientId)[0];
            }
            return app;
        }

        private (PresenceBusinessUnit, AppRecord) Load(string? businessUnit, string? clientId) =>
            _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SyncAppService.RequireApp(c, tx, u, clientId));
            });
    }
}
