using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Applications.Item.AddPassword;
using Microsoft.Graph.Models;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Creates the app in the tenant through Graph as a signed-in admin, with a client secret or a
    /// certificate (a new self-signed one whose public key is uploaded as a key credential).
    /// Rotation lives in <see cref="CredentialRotator"/>.
    /// </summary>
    public sealed class AppRegistrar
    {
        /// <summary>Microsoft Graph PowerShell's public client: admins can sign in with it in every tenant.</summary>
        public const string DefaultAdminClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
        private readonly EngineContext _context;

        public AppRegistrar(EngineContext context) => _context = context;

        public async Task<PresenceSyncApp?> RegisterAsync(string? businessUnit, AppRequest request, bool force, bool additional, CancellationToken ct)
        {
            var (unit, apps) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, AppRepository.ForUnit(c, tx, u));
            });
            var permissions = GraphPermission.Normalize(request.Permissions ?? GraphPermission.ForSync);
            var name = request.DisplayName ?? $"PresenceSync ({unit.Name})";
            var tenant = (request.TenantId ?? "organizations").Trim();
            var services = new SyncAppService(_context);
            var replaced = services.Placement(unit, apps, string.Empty, apps.Count > 0 && tenant == "organizations" ? apps[0].TenantId : tenant, force, additional);
            if (replaced == SyncAppService.PlacementRefused) return null;
            var credential = request.NewCertificate ? (request.CertificatePath != null ? $"a new certificate in {request.CertificatePath}" : "a new certificate in the user's store") : "a client secret";
            if (!_context.Host.ShouldProcess($"{name} in tenant {tenant}", $"Register an app with {string.Join(", ", permissions)} and {credential}")) return null;

            var endpoint = request.Endpoint ?? new GraphEndpoint();
            var admin = AdminGraph.Client(_context.Host, endpoint, tenant, request.AdminClientId ?? DefaultAdminClientId);
            X509Certificate2? certificate = request.NewCertificate ? SelfSignedCertificate.Create(name, request.CertificateLifetime) : null;
            try
            {
                var graphSp = await admin.ServicePrincipalsWithAppId(GraphPermission.GraphAppId).GetAsync(cancellationToken: ct).ConfigureAwait(false);
                var application = await admin.Applications.PostAsync(new Application
                {
                    DisplayName = name,
                    SignInAudience = "AzureADMyOrg",
                    RequiredResourceAccess = new List<RequiredResourceAccess>
                    {
                        new RequiredResourceAccess
                        {
                            ResourceAppId = GraphPermission.GraphAppId,
                            ResourceAccess = permissions.Select(p => new ResourceAccess { Id = GraphPermission.AppRoleIds[p], Type = "Role" }).ToList(),
                        },
                    },
                    KeyCredentials = certificate == null ? null : new List<KeyCredential> { CredentialRotator.KeyFor(certificate) },
                }, cancellationToken: ct).ConfigureAwait(false);
                var principal = await admin.ServicePrincipals.PostAsync(new ServicePrincipal { AppId = application!.AppId }, cancellationToken: ct).ConfigureAwait(false);
                var consented = await GrantAsync(admin, graphSp!, principal!, permissions, ct).ConfigureAwait(false);

                var now = _context.Clock.UtcNow;
                var record = new AppRecord
                {
                    DisplayName = name,
                    TenantId = (graphSp?.AppOwnerOrganizationId?.ToString() is string owner && tenant == "organizations") ? owner : tenant,
                    ClientId = application.AppId!,
                    ApplicationObjectId = application.Id,
                    Permissions = permissions,
                    Endpoint = endpoint,
                    PresenceBudget = request.PresenceBudget ?? PresenceBudget.DefaultRequests,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                    CredentialChanged = true,
                };
                string? secret;
                if (certificate != null)
                {
                    secret = CredentialRotator.KeepCertificate(record, certificate, request.CertificatePath, request.CertificatePassword);
                    record.SecretKeyId = application.KeyCredentials?.FirstOrDefault()?.KeyId?.ToString();
                }
                else
                {
                    var password = await admin.Applications[application.Id].AddPassword.PostAsync(new AddPasswordPostRequestBody
                    {
                        PasswordCredential = new PasswordCredential { DisplayName = "PresenceSync", EndDateTime = DateTimeOffset.UtcNow + request.SecretLifetime },
                    }, cancellationToken: ct).ConfigureAwait(false);
                    record.CredentialType = CredentialType.ClientSecret;
                    record.SecretStorage = SecretStorage.Session;
                    record.SecretKeyId = password?.KeyId?.ToString();
                    record.CredentialExpiresUtc = password?.EndDateTime?.UtcDateTime;
                    record.ExpirySource = CredentialExpirySource.Graph;
                    secret = password!.SecretText!;
                }
                if (replaced != null) await new AppRemover(_context).RemoveAsync(unit, replaced, force: true, ct).ConfigureAwait(false);
                var app = services.Save(unit, record, secret, SyncAppService.What(record));
                if (!consented)
                    _context.Host.WriteWarning($"Admin consent is still missing: a Global or Privileged Role Administrator must grant it at {app.ConsentUrl}");
                return app;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name);
            }
        }

        /// <summary>Grants the app roles (admin consent for application permissions); false when the admin may not.</summary>
        private static async Task<bool> GrantAsync(GraphServiceClient admin, ServicePrincipal graph, ServicePrincipal app, IEnumerable<string> permissions, CancellationToken ct)
        {
            try
            {
                foreach (var permission in permissions)
                {
                    await admin.ServicePrincipals[graph.Id].AppRoleAssignedTo.PostAsync(new AppRoleAssignment
                    {
                        PrincipalId = Guid.Parse(app.Id!),
                        ResourceId = Guid.Parse(graph.Id!),
                        AppRoleId = GraphPermission.AppRoleIds[permission],
                    }, cancellationToken: ct).ConfigureAwait(false);
                }
                return true;
            }
            catch (Microsoft.Graph.Models.ODataErrors.ODataError ex) when (ex.ResponseStatusCode == 403)
            {
                return false;
            }
        }
    }
}
