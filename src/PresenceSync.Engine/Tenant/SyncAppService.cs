using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Records, lists and changes the apps a business unit syncs through. A unit may have several
    /// apps (each its own budget and presence session id) in one tenant; units that record the same
    /// client id share its credential. A secret is kept at rest the way the OS allows
    /// (<see cref="SecretVault"/>) and never in clear in the store. Nothing is written until every
    /// check has passed, so a refused request never leaves a half-recorded app.
    /// </summary>
    public sealed class SyncAppService
    {
        private readonly EngineContext _context;

        public SyncAppService(EngineContext context) => _context = context;

        /// <summary>The unit's apps (one when <paramref name="clientId"/> is given), primary first; an error when there is none.</summary>
        public IReadOnlyList<PresenceSyncApp> Get(string? businessUnit, string? clientId = null)
        {
            var (unit, apps) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AppRepository.ForUnit(c, tx, u));
            });
            var chosen = clientId == null ? apps : apps.Where(a => Same(a.ClientId, clientId)).ToList();
            if (chosen.Count == 0)
            {
                _context.Error(TenantErrorIds.AppNotFound, ErrorKind.ObjectNotFound,
                    clientId == null ? $"Business unit '{unit.Name}' has no app yet." : $"Business unit '{unit.Name}' has no app with client id '{clientId}'.",
                    clientId ?? unit.Name, "Register one with New-PresenceSyncApp, or record an existing one with New-PresenceSyncApp -TenantId -ClientId.");
                return Array.Empty<PresenceSyncApp>();
            }
            return _context.Store.Read((c, tx) => chosen.Select(a => Output(c, tx, unit, a)).ToList());
        }

        /// <summary>When each app's credential expires (every unit's apps when none is named): for the status and the running sync.</summary>
        public IReadOnlyList<AppCredentialExpiry> CredentialExpiries(string? businessUnit = null) =>
            _context.Store.Read((c, tx) =>
            {
                var units = businessUnit == null ? BusinessUnitRepository.All(c, tx) : new List<PresenceBusinessUnit> { BusinessUnitRepository.Require(c, tx, businessUnit) };
                return units.SelectMany(u => AppRepository.ForUnit(c, tx, u).Select(a => new AppCredentialExpiry(u.Name, a))).ToList();
            });

        /// <summary>
        /// Records an app that already exists in the tenant. A unit that has an app gets another only
        /// with <paramref name="additional"/>; <paramref name="force"/> replaces the app with the same
        /// client id, or the unit's only app (clearing the presence sessions it held).
        /// </summary>
        public async Task<PresenceSyncApp?> RecordAsync(string? businessUnit, AppRequest request, bool force, bool additional, CancellationToken ct)
        {
            var (unit, apps) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AppRepository.ForUnit(c, tx, u));
            });
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
                CredentialUpdatedUtc = now,
            };
            var secret = CheckCredential(unit, record, request);
            var replaced = Placement(unit, apps, record.ClientId, record.TenantId, force, additional);
            if (replaced == PlacementRefused) return null;
            var action = replaced != null ? $"Replace the sync app {replaced.ClientId}" : apps.Count > 0 ? "Record an additional sync app" : "Record the sync app";
            if (!_context.Host.ShouldProcess($"{record.ClientId} (business unit '{unit.Name}')", action)) return null;
            if (replaced != null && !Same(replaced.ClientId, record.ClientId))
                await new AppRemover(_context).RemoveAsync(unit, replaced, force: true, ct).ConfigureAwait(false);
            return Save(unit, record, secret, What(record));
        }

        /// <summary>Changes the credential, endpoint or budget of one of the unit's apps (the only one, or the one named).</summary>
        public PresenceSyncApp? Set(string? businessUnit, string? clientId, AppRequest request)
        {
            var (unit, record) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, RequireApp(c, tx, u, clientId));
            });
            string? secret = null;
            if (request.CredentialType != null || request.ClientSecret != null || request.CertificateThumbprint != null
                || request.CertificatePath != null || request.SecretFromEnvironment)
            {
                request.CredentialType ??= request.ClientSecret != null || request.SecretFromEnvironment ? CredentialType.ClientSecret
                    : request.CertificateThumbprint != null || request.CertificatePath != null ? CredentialType.Certificate : record.CredentialType;
                secret = CheckCredential(unit, record, request);
            }
            if (request.SecretExpiresUtc is DateTime expires)
            {
                record.CredentialExpiresUtc = expires;
                record.ExpirySource = CredentialExpirySource.Recorded;
            }
            if (request.DisplayName != null) record.DisplayName = request.DisplayName;
            if (request.Endpoint != null) record.Endpoint = request.Endpoint;
            if (request.PresenceBudget is int budget) record.PresenceBudget = budget;
            if (request.Permissions != null) record.Permissions = GraphPermission.Normalize(request.Permissions);
            record.UpdatedUtc = _context.Clock.UtcNow;
            if (!_context.Host.ShouldProcess($"{record.ClientId} (business unit '{unit.Name}')", "Change the sync app")) return null;
            return Save(unit, record, secret, What(record));
        }

        /// <summary>
        /// Keeps the secret where the OS allows (only now, after ShouldProcess), saves the record and
        /// forgets the entry the record held before. Units sharing the credential are told.
        /// </summary>
        internal PresenceSyncApp Save(PresenceBusinessUnit unit, AppRecord record, string? secret, string what, bool keepOldSecret = false,
            Action<DbConnection, DbTransaction>? alsoInTransaction = null)
        {
            var before = _context.Store.Read((c, tx) => CredentialRepository.IdFor(c, tx, record.ClientId) is long id
                ? AppRepository.SharingCredential(c, tx, id).FirstOrDefault() : null);
            if (record.CredentialChanged) record.CredentialUpdatedUtc = _context.Clock.UtcNow;
            if (secret != null && record.SecretStorage != SecretStorage.Environment)
            {
                var stored = SecretVault.Store(secret, _context.Host, what);
                record.SecretStorage = stored.Storage;
                record.ProtectedSecret = stored.ProtectedSecret;
                record.SecretRef = stored.Reference;
            }
            List<string> sharing;
            try
            {
                sharing = _context.Store.Write((c, tx) =>
                {
                    var added = record.Id == 0 && AppRepository.Any(c, tx, unit);
                    AppRepository.Save(c, tx, unit, record);
                    if (added) AppAssignment.Rebalance(c, tx, unit, _context.Clock.UtcNow);
                    else AppAssignment.AssignAll(c, tx, unit, _context.Clock.UtcNow);
                    alsoInTransaction?.Invoke(c, tx);
                    return AppRepository.SharingCredential(c, tx, record.CredentialId).Where(a => a.UnitId != unit.Id)
                        .Select(a => BusinessUnitRepository.All(c, tx).First(u => u.Id == a.UnitId).Name).ToList();
                });
            }
            catch
            {
                SecretVault.Delete(record.SecretStorage, record.SecretRef);
                throw;
            }
            if (record.SecretStorage == SecretStorage.Session && secret != null) _context.Secrets?.Set(record.ClientId, secret);
            else if (record.SecretStorage != SecretStorage.Session) _context.Secrets?.Remove(record.ClientId);
            if (!keepOldSecret && before != null && before.SecretRef != null && before.SecretRef != record.SecretRef)
                SecretVault.Delete(before.SecretStorage, before.SecretRef);
            if (sharing.Count > 0 && before != null && before.CredentialVersion != record.CredentialVersion)
                _context.Host.WriteWarning($"Business units {string.Join(", ", sharing.Select(s => $"'{s}'"))} recorded the same app ({record.ClientId}) and share its credential: they use the new one too.");
            return _context.Store.Read((c, tx) => Output(c, tx, unit, record));
        }

        /// <summary>The unit's primary app: it reads Teams and the directory for the unit.</summary>
        internal static AppRecord RequireApp(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit) =>
            AppRepository.Find(c, tx, unit) ?? throw NoApp(unit);

        /// <summary>The app named by client id, or the unit's only app; several and none named is an error.</summary>
        internal static AppRecord RequireApp(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, string? clientId)
        {
            if (clientId != null)
                return AppRepository.Find(c, tx, unit, clientId.Trim()) ?? throw EngineContext.Fail(TenantErrorIds.AppNotFound, ErrorKind.ObjectNotFound,
                    $"Business unit '{unit.Name}' has no app with client id '{clientId}'.", clientId, "Get-PresenceSyncApp lists the unit's apps.");
            var apps = AppRepository.ForUnit(c, tx, unit);
            if (apps.Count == 0) throw NoApp(unit);
            if (apps.Count > 1)
                throw EngineContext.Fail(TenantErrorIds.AppAmbiguous, ErrorKind.InvalidArgument,
                    $"Business unit '{unit.Name}' has {apps.Count} apps ({string.Join(", ", apps.Select(a => a.ClientId))}): name one with -ClientId.", unit.Name,
                    "Get-PresenceSyncApp -BusinessUnit " + unit.Name + " | Set-PresenceSyncApp ... changes each of them.");
            return apps[0];
        }

        internal static PresenceSyncApp Output(DbConnection c, DbTransaction? tx, PresenceBusinessUnit unit, AppRecord record)
        {
            var apps = AppRepository.ForUnit(c, tx, unit);
            var counts = AgentAppRepository.Counts(c, tx, unit);
            var units = BusinessUnitRepository.All(c, tx).ToDictionary(u => u.Id, u => u.Name);
            var sharing = AppRepository.SharingCredential(c, tx, record.CredentialId).Where(a => a.UnitId != unit.Id)
                .Select(a => units.TryGetValue(a.UnitId, out var n) ? n : a.UnitId.ToString()).ToList();
            return new PresenceSyncApp(unit.Name, record, ConsentUrl(record), apps.Count > 0 && apps[0].Id == record.Id,
                counts.TryGetValue(record.Id, out var n) ? n : 0, sharing, CredentialRepository.Pending(c, tx, record.CredentialId));
        }

        internal static string ConsentUrl(AppRecord record) =>
            $"{record.Endpoint.AuthorityHost.TrimEnd('/')}/{record.TenantId}/adminconsent?client_id={record.ClientId}";

        internal static string What(AppRecord record) =>
            record.CredentialType == CredentialType.Certificate ? $"the password of the certificate of app {record.ClientId}" : $"the client secret of app {record.ClientId}";

        internal static readonly AppRecord PlacementRefused = new AppRecord();

        /// <summary>Which app the new record replaces (null: none), or <see cref="PlacementRefused"/> after reporting why not.</summary>
        internal AppRecord? Placement(PresenceBusinessUnit unit, List<AppRecord> apps, string clientId, string tenantId, bool force, bool additional)
        {
            var same = apps.FirstOrDefault(a => Same(a.ClientId, clientId));
            if (same != null && !force)
            {
                _context.Error(TenantErrorIds.AppExists, ErrorKind.ResourceExists, $"Business unit '{unit.Name}' already has app {clientId}.", clientId,
                    $"Change it with Set-PresenceSyncApp -ClientId {clientId}, or replace its record with -Force.");
                return PlacementRefused;
            }
            if (same == null && apps.Count > 0 && !additional && !force)
            {
                _context.Error(TenantErrorIds.AppExists, ErrorKind.ResourceExists, $"Business unit '{unit.Name}' already has an app ({apps[0].ClientId}).", unit.Name,
                    "Add another app with -Additional (agents are spread over the unit's apps), change it with Set-PresenceSyncApp, or replace it with -Force.");
                return PlacementRefused;
            }
            var others = apps.Where(a => !Same(a.ClientId, clientId) && !(force && !additional && apps.Count == 1)).ToList();
            if (others.Any(a => !Same(a.TenantId, tenantId)))
            {
                _context.Error(TenantErrorIds.TenantMismatch, ErrorKind.InvalidArgument,
                    $"Business unit '{unit.Name}' syncs tenant '{others[0].TenantId}'; its apps must all be in that tenant, not '{tenantId}'.", tenantId,
                    "Put apps of another tenant in a business unit of their own (New-PresenceBusinessUnit).");
                return PlacementRefused;
            }
            if (same != null) return same;
            if (!force || additional) return null;
            if (apps.Count > 1)
            {
                _context.Error(TenantErrorIds.AppAmbiguous, ErrorKind.InvalidArgument,
                    $"Business unit '{unit.Name}' has {apps.Count} apps: -Force cannot tell which one to replace.", unit.Name,
                    "Remove the one to replace with Remove-PresenceSyncApp -ClientId, then add the new one with -Additional.");
                return PlacementRefused;
            }
            return apps.Count == 1 ? apps[0] : null;
        }

        /// <summary>Decides where the credential lives and checks it (a certificate must load) before anything is stored; returns the secret to keep.</summary>
        private string? CheckCredential(PresenceBusinessUnit unit, AppRecord record, AppRequest request)
        {
            record.CredentialType = request.CredentialType
                ?? (request.ManagedIdentityClientId != null ? CredentialType.ManagedIdentity
                    : request.CertificateThumbprint != null || request.CertificatePath != null ? CredentialType.Certificate
                    : CredentialType.ClientSecret);
            record.CredentialChanged = true;
            record.ProtectedSecret = null;
            record.SecretRef = null;
            record.SecretStorage = SecretStorage.None;
            record.SecretKeyId = null;
            record.CertificateThumbprint = null;
            record.CertificatePath = null;
            record.ManagedIdentityClientId = null;
            record.CredentialExpiresUtc = null;
            record.ExpirySource = CredentialExpirySource.Unknown;
            switch (record.CredentialType)
            {
                case CredentialType.ClientSecret:
                    if (request.SecretFromEnvironment) record.SecretStorage = SecretStorage.Environment;
                    else if (string.IsNullOrEmpty(request.ClientSecret))
                        throw EngineContext.Fail(TenantErrorIds.SecretUnavailable, ErrorKind.InvalidArgument, "A client secret app needs -ClientSecret or -SecretFromEnvironment.", unit.Name);
                    else record.SecretStorage = SecretStorage.Session; // until SecretVault keeps it at rest
                    record.CredentialExpiresUtc = request.SecretExpiresUtc;
                    record.ExpirySource = request.SecretExpiresUtc != null ? CredentialExpirySource.Recorded : CredentialExpirySource.Unknown;
                    return request.SecretFromEnvironment ? null : request.ClientSecret;
                case CredentialType.Certificate:
                    record.CertificatePath = request.CertificatePath;
                    var certificate = request.CertificatePath != null
                        ? CertificateLoader.FromFile(request.CertificatePath, request.CertificatePassword)
                        : CertificateLoader.FromStore(request.CertificateThumbprint?.Replace(" ", string.Empty).ToUpperInvariant() ?? string.Empty);
                    record.CertificateThumbprint = certificate.Thumbprint;
                    record.CredentialExpiresUtc = certificate.NotAfter.ToUniversalTime();
                    record.ExpirySource = CredentialExpirySource.Certificate;
                    if (request.CertificatePath == null || string.IsNullOrEmpty(request.CertificatePassword)) return null;
                    record.SecretStorage = SecretStorage.Session;
                    return request.CertificatePassword;
                default:
                    record.ManagedIdentityClientId = string.IsNullOrWhiteSpace(request.ManagedIdentityClientId) ? null : request.ManagedIdentityClientId;
                    record.ExpirySource = CredentialExpirySource.NotApplicable;
                    return null;
            }
        }

        private static PresenceSyncException NoApp(PresenceBusinessUnit unit) =>
            EngineContext.Fail(TenantErrorIds.AppNotFound, ErrorKind.ObjectNotFound, $"Business unit '{unit.Name}' has no app yet.", unit.Name,
                "Register one with New-PresenceSyncApp, or record an existing one with New-PresenceSyncApp -TenantId -ClientId -ClientSecret.");

        private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

        private static string CheckTenant(string? tenant)
        {
            var t = (tenant ?? string.Empty).Trim();
            var domain = t.Length > 3 && t.Contains('.') && t.All(ch => char.IsLetterOrDigit(ch) || ch == '.' || ch == '-');
            if (Guid.TryParse(t, out var id)) return id.ToString();
            if (domain) return t.ToLowerInvariant();
            throw EngineContext.Fail(TenantErrorIds.InvalidTenantId, ErrorKind.InvalidArgument,
                $"'{tenant}' is not a tenant id (a GUID) or a domain name.", tenant);
        }

        internal static string CheckGuid(string? value, string errorId, string what) =>
            Guid.TryParse((value ?? string.Empty).Trim(), out var id) ? id.ToString()
                : throw EngineContext.Fail(errorId, ErrorKind.InvalidArgument, $"'{value}' is not a {what} (a GUID).", value);
    }
}
