using System;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Records, lists, changes and removes the app a business unit syncs through. A secret is
    /// kept DPAPI-protected on Windows; elsewhere only for the session, or read from the
    /// environment when needed. Nothing is written until every check has passed, so a refused
    /// request never leaves a half-recorded app.
    /// </summary>
    public sealed class SyncAppService
    {
        private readonly EngineContext _context;

        public SyncAppService(EngineContext context) => _context = context;

        public PresenceSyncApp? Get(string? businessUnit)
        {
            var (unit, app) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AppRepository.Find(c, tx, u));
            });
            if (app == null)
            {
                _context.Error(TenantErrorIds.AppNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no app yet.", unit.Name,
                    "Register one with New-PresenceSyncApp, or record an existing one with New-PresenceSyncApp -TenantId -ClientId.");
                return null;
            }
            return Output(unit, app);
        }

        /// <summary>Records an app that already exists in the tenant.</summary>
        public PresenceSyncApp? Record(string? businessUnit, AppRequest request, bool force)
        {
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, businessUnit));
            var now = _context.Clock.UtcNow;
            var record = new AppRecord
            {
                DisplayName = request.DisplayName,
                TenantId = CheckTenant(request.TenantId),
                ClientId = CheckGuid(request.ClientId, TenantErrorIds.InvalidClientId, "client id"),
                Permissions = GraphPermission.Normalize(request.Permissions ?? GraphPermission.ForSync),
                Endpoint = request.Endpoint ?? new GraphEndpoint(),
                PresenceBudget = request.PresenceBudget ?? PresenceBudget.DefaultRequests,
                CreatedUtc = now,
                UpdatedUtc = now,
            };
            ApplyCredential(unit, record, request);
            var exists = _context.Store.Read((c, tx) => AppRepository.Find(c, tx, unit)) != null;
            if (exists && !force)
            {
                _context.Error(TenantErrorIds.AppExists, ErrorKind.ResourceExists, $"Business unit '{unit.Name}' already has an app.", unit.Name,
                    "Change it with Set-PresenceSyncApp, or replace it with -Force.");
                return null;
            }
            if (!_context.Host.ShouldProcess($"{record.ClientId} (business unit '{unit.Name}')", exists ? "Replace the sync app" : "Record the sync app")) return null;
            return Save(unit, record, request.ClientSecret);
        }

        /// <summary>Changes the credential, endpoint or budget of the unit's app.</summary>
        public PresenceSyncApp? Set(string? businessUnit, AppRequest request)
        {
            var (unit, record) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, RequireApp(c, tx, u));
            });
            if (request.CredentialType != null || request.ClientSecret != null || request.CertificateThumbprint != null
                || request.CertificatePath != null || request.SecretFromEnvironment)
            {
                request.CredentialType ??= request.ClientSecret != null || request.SecretFromEnvironment ? CredentialType.ClientSecret
                    : request.CertificateThumbprint != null || request.CertificatePath != null ? CredentialType.Certificate : record.CredentialType;
                ApplyCredential(unit, record, request);
            }
            if (request.SecretExpiresUtc is DateTime expires) record.CredentialExpiresUtc = expires;
            if (request.DisplayName != null) record.DisplayName = request.DisplayName;
            if (request.Endpoint != null) record.Endpoint = request.Endpoint;
            if (request.PresenceBudget is int budget) record.PresenceBudget = budget;
            if (request.Permissions != null) record.Permissions = GraphPermission.Normalize(request.Permissions);
            record.UpdatedUtc = _context.Clock.UtcNow;
            if (!_context.Host.ShouldProcess($"{record.ClientId} (business unit '{unit.Name}')", "Change the sync app")) return null;
            return Save(unit, record, request.ClientSecret);
        }

        public bool Remove(string? businessUnit)
        {
            var (unit, record) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, RequireApp(c, tx, u));
            });
            if (!_context.Host.ShouldProcess($"{record.ClientId} (business unit '{unit.Name}')", "Forget the sync app and its stored credential")) return false;
            _context.Store.Write((c, tx) => AppRepository.Delete(c, tx, unit));
            _context.Secrets?.Remove(unit.Name);
            GraphSessionFactory.Forget($"{record.TenantId}|{record.ClientId}|");
            return true;
        }

        internal PresenceSyncApp Save(PresenceBusinessUnit unit, AppRecord record, string? sessionSecret)
        {
            _context.Store.Write((c, tx) => { AppRepository.Save(c, tx, unit, record); return true; });
            if (record.SecretStorage == SecretStorage.Session && sessionSecret != null) _context.Secrets?.Set(unit.Name, sessionSecret);
            else if (record.SecretStorage != SecretStorage.Session) _context.Secrets?.Remove(unit.Name);
            GraphSessionFactory.Forget($"{record.TenantId}|{record.ClientId}|");
            return Output(unit, record);
        }

        internal static AppRecord RequireApp(SqliteConnection c, SqliteTransaction? tx, PresenceBusinessUnit unit) =>
            AppRepository.Find(c, tx, unit) ?? throw EngineContext.Fail(TenantErrorIds.AppNotFound, ErrorKind.ObjectNotFound,
                $"Business unit '{unit.Name}' has no app yet.", unit.Name,
                "Register one with New-PresenceSyncApp, or record an existing one with New-PresenceSyncApp -TenantId -ClientId -ClientSecret.");

        internal static PresenceSyncApp Output(PresenceBusinessUnit unit, AppRecord record) =>
            new PresenceSyncApp(unit.Name, record, ConsentUrl(record));

        internal static string ConsentUrl(AppRecord record) =>
            $"{record.Endpoint.AuthorityHost.TrimEnd('/')}/{record.TenantId}/adminconsent?client_id={record.ClientId}";

        /// <summary>Decides where the credential lives; refuses (before anything is stored) what cannot be kept safely.</summary>
        private void ApplyCredential(PresenceBusinessUnit unit, AppRecord record, AppRequest request)
        {
            record.CredentialType = request.CredentialType
                ?? (request.ManagedIdentityClientId != null ? CredentialType.ManagedIdentity
                    : request.CertificateThumbprint != null || request.CertificatePath != null ? CredentialType.Certificate
                    : CredentialType.ClientSecret);
            record.ProtectedSecret = null;
            record.SecretStorage = SecretStorage.None;
            record.CertificateThumbprint = null;
            record.CertificatePath = null;
            record.ManagedIdentityClientId = null;
            record.CredentialExpiresUtc = null;
            switch (record.CredentialType)
            {
                case CredentialType.ClientSecret:
                    if (request.SecretFromEnvironment) record.SecretStorage = SecretStorage.Environment;
                    else if (string.IsNullOrEmpty(request.ClientSecret))
                        throw EngineContext.Fail(TenantErrorIds.SecretUnavailable, ErrorKind.InvalidArgument, "A client secret app needs -ClientSecret or -SecretFromEnvironment.", unit.Name);
                    else if (SecretProtector.CanProtect)
                    {
                        record.SecretStorage = SecretStorage.Dpapi;
                        record.ProtectedSecret = SecretProtector.Protect(request.ClientSecret!);
                    }
                    else
                    {
                        record.SecretStorage = SecretStorage.Session;
                        _context.Host.WriteWarning("This system cannot protect a secret at rest, so the client secret is kept for this session only. " +
                            $"For scheduled runs set ${AppCredentialFactory.UnitSecretVariable(unit.Name)}, or use a certificate or a managed identity.");
                    }
                    record.CredentialExpiresUtc = request.SecretExpiresUtc;
                    break;
                case CredentialType.Certificate:
                    record.CertificateThumbprint = request.CertificateThumbprint?.Replace(" ", string.Empty).ToUpperInvariant();
                    record.CertificatePath = request.CertificatePath;
                    var certificate = AppCredentialFactory.LoadCertificate(record);
                    record.CertificateThumbprint = certificate.Thumbprint;
                    record.CredentialExpiresUtc = certificate.NotAfter.ToUniversalTime();
                    break;
                default:
                    record.ManagedIdentityClientId = string.IsNullOrWhiteSpace(request.ManagedIdentityClientId) ? null : request.ManagedIdentityClientId;
                    break;
            }
        }

        private static string CheckTenant(string? tenant)
        {
            var t = (tenant ?? string.Empty).Trim();
            var domain = t.Length > 3 && t.Contains('.') && t.All(ch => char.IsLetterOrDigit(ch) || ch == '.' || ch == '-');
            if (Guid.TryParse(t, out var id)) return id.ToString();
            if (domain) return t.ToLowerInvariant();
            throw EngineContext.Fail(TenantErrorIds.InvalidTenantId, ErrorKind.InvalidArgument,
                $"'{tenant}' is not a tenant id (a GUID) or a domain name.", tenant);
        }

        private static string CheckGuid(string? value, string errorId, string what) =>
            Guid.TryParse((value ?? string.Empty).Trim(), out var id) ? id.ToString()
                : throw EngineContext.Fail(errorId, ErrorKind.InvalidArgument, $"'{value}' is not a {what} (a GUID).", value);
    }
}
