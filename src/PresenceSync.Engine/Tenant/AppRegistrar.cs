using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Applications.Item.AddPassword;
using Microsoft.Graph.Applications.Item.RemovePassword;
using Microsoft.Graph.Models;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Creates the app in the tenant through Graph as a signed-in admin (device code, so it works
    /// from any console and under Conditional Access), and rotates its secret in one step.
    /// </summary>
    public sealed class AppRegistrar
    {
        /// <summary>Microsoft Graph PowerShell's public client: admins can sign in with it in every tenant.</summary>
        public const string DefaultAdminClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
        private static readonly string[] AdminScopes = { "https://graph.microsoft.com/.default" };
        private readonly EngineContext _context;

        public AppRegistrar(EngineContext context) => _context = context;

        public async Task<PresenceSyncApp?> RegisterAsync(string? businessUnit, AppRequest request, bool force, CancellationToken ct)
        {
            var unit = _context.Store.Read((c, tx) => BusinessUnitRepository.Require(c, tx, businessUnit));
            if (_context.Store.Read((c, tx) => AppRepository.Find(c, tx, unit)) != null && !force)
            {
                _context.Error(TenantErrorIds.AppExists, ErrorKind.ResourceExists, $"Business unit '{unit.Name}' already has an app.", unit.Name,
                    "Change it with Set-PresenceSyncApp, or replace it with -Force.");
                return null;
            }
            var permissions = GraphPermission.Normalize(request.Permissions ?? GraphPermission.ForSync);
            var name = request.DisplayName ?? $"PresenceSync ({unit.Name})";
            var tenant = (request.TenantId ?? "organizations").Trim();
            if (!_context.Host.ShouldProcess($"{name} in tenant {tenant}", $"Register an app with {string.Join(", ", permissions)} and a client secret")) return null;

            var endpoint = request.Endpoint ?? new GraphEndpoint();
            var admin = AdminClient(endpoint, tenant, request.AdminClientId ?? DefaultAdminClientId);
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
                }, cancellationToken: ct).ConfigureAwait(false);
                var principal = await admin.ServicePrincipals.PostAsync(new ServicePrincipal { AppId = application!.AppId }, cancellationToken: ct).ConfigureAwait(false);
                var password = await admin.Applications[application.Id].AddPassword.PostAsync(new AddPasswordPostRequestBody
                {
                    PasswordCredential = new PasswordCredential { DisplayName = "PresenceSync", EndDateTime = DateTimeOffset.UtcNow + request.SecretLifetime },
                }, cancellationToken: ct).ConfigureAwait(false);
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
                    CredentialType = CredentialType.ClientSecret,
                    SecretKeyId = password?.KeyId?.ToString(),
                    CreatedUtc = now,
                    UpdatedUtc = now,
                };
                StoreSecret(unit, record, password!.SecretText!, password.EndDateTime?.UtcDateTime);
                var app = new SyncAppService(_context).Save(unit, record, password.SecretText);
                if (!consented)
                    _context.Host.WriteWarning($"Admin consent is still missing: a Global or Privileged Role Administrator must grant it at {app.ConsentUrl}");
                return app;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name);
            }
        }

        /// <summary>
        /// Adds a new secret, switches to it, then removes the old one: one step, no gap. An app may
        /// not add passwords to itself unless it holds Application.ReadWrite permission, so an
        /// admin can sign in by device code for it (<paramref name="adminClientId"/>).
        /// </summary>
        public async Task<PresenceSyncApp> RotateSecretAsync(string? businessUnit, TimeSpan lifetime, string? adminClientId, CancellationToken ct)
        {
            var (unit, record) = _context.Store.Read((c, tx) =>
            {
                var u = BusinessUnitRepository.Require(c, tx, businessUnit);
                return (u, SyncAppService.RequireApp(c, tx, u));
            });
            if (record.CredentialType != CredentialType.ClientSecret || record.SecretStorage == SecretStorage.Environment)
            {
                // A new secret must land somewhere the sync will find it; from the environment it cannot be put back.
                throw EngineContext.Fail(TenantErrorIds.RotationNotPossible, ErrorKind.InvalidOperation,
                    record.CredentialType != CredentialType.ClientSecret
                        ? $"The app uses a {record.CredentialType}, not a client secret: there is no secret to rotate."
                        : "The app's secret comes from the environment, where PresenceSync cannot store a new one.",
                    unit.Name, "Rotate the secret in the Entra admin center and update the environment variable, or switch to a certificate.");
            }
            var client = adminClientId != null
                ? AdminClient(record.Endpoint, record.TenantId, adminClientId)
                : AppCredentialFactory.Session(record, unit.Name, _context.Secrets).Client;
            try
            {
                var objectId = record.ApplicationObjectId
                    ?? (await client.ApplicationsWithAppId(record.ClientId).GetAsync(cancellationToken: ct).ConfigureAwait(false))!.Id!;
                var password = await client.Applications[objectId].AddPassword.PostAsync(new AddPasswordPostRequestBody
                {
                    PasswordCredential = new PasswordCredential { DisplayName = "PresenceSync", EndDateTime = DateTimeOffset.UtcNow + lifetime },
                }, cancellationToken: ct).ConfigureAwait(false);
                var oldKey = record.SecretKeyId;
                record.ApplicationObjectId = objectId;
                record.CredentialType = CredentialType.ClientSecret;
                record.SecretKeyId = password!.KeyId?.ToString();
                record.UpdatedUtc = _context.Clock.UtcNow;
                StoreSecret(unit, record, password.SecretText!, password.EndDateTime?.UtcDateTime);
                var app = new SyncAppService(_context).Save(unit, record, password.SecretText);
                if (Guid.TryParse(oldKey, out var old))
                {
                    await client.Applications[objectId].RemovePassword.PostAsync(new RemovePasswordPostRequestBody { KeyId = old }, cancellationToken: ct).ConfigureAwait(false);
                }
                return app;
            }
            catch (Microsoft.Graph.Models.ODataErrors.ODataError ex) when (ex.ResponseStatusCode == 403 && adminClientId == null)
            {
                throw EngineContext.Fail(TenantErrorIds.PermissionMissing, ErrorKind.PermissionDenied,
                    "The app may not change its own secrets.", unit.Name,
                    $"Sign in as an admin for the rotation: Set-PresenceSyncApp -RotateSecret -AdminClientId {DefaultAdminClientId}.");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw GraphErrorTranslator.Translate(ex, unit.Name);
            }
        }

        private void StoreSecret(PresenceBusinessUnit unit, AppRecord record, string secret, DateTime? expires)
        {
            record.CredentialExpiresUtc = expires;
            if (record.SecretStorage == SecretStorage.Environment) return;
            if (SecretProtector.CanProtect)
            {
                record.SecretStorage = SecretStorage.Dpapi;
                record.ProtectedSecret = SecretProtector.Protect(secret);
                return;
            }
            record.SecretStorage = SecretStorage.Session;
            record.ProtectedSecret = null;
            _context.Host.WriteWarning("The new client secret is kept for this session only (this system cannot protect it at rest): " +
                $"store it in a vault or ${AppCredentialFactory.UnitSecretVariable(unit.Name)} for scheduled runs.");
        }

        /// <summary>Grants the app roles (admin consent for application permissions); false when the admin may not.</summary>
        private async Task<bool> GrantAsync(GraphServiceClient admin, ServicePrincipal graph, ServicePrincipal app, IEnumerable<string> permissions, CancellationToken ct)
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

        private GraphServiceClient AdminClient(GraphEndpoint endpoint, string tenant, string adminClientId)
        {
            var options = GraphSessionFactory.ConfigureCredential(new DeviceCodeCredentialOptions
            {
                TenantId = tenant,
                ClientId = adminClientId,
                DisableInstanceDiscovery = !endpoint.IsPublicCloud,
                DeviceCodeCallback = (info, _) =>
                {
                    _context.Host.WriteWarning(info.Message);
                    return Task.CompletedTask;
                },
            }, endpoint);
            var credential = new DeviceCodeCredential(options);
            // Registration is rare and not presence traffic: a private session, not the pooled one.
            return GraphSessionFactory.Create(adminClientId, endpoint, credential, PresenceBudget.DefaultRequests, PresenceBudget.DefaultWindow, new RetryPolicy()).Client;
        }
    }
}
