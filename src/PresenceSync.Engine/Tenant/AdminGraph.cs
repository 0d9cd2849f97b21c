using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Identity;
using Microsoft.Graph;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Graph as a signed-in admin (device code, so it works from any console and under Conditional
    /// Access): registration, and the credential changes an app may not make to itself.
    /// </summary>
    internal static class AdminGraph
    {
        public static GraphServiceClient Client(IHostContext host, GraphEndpoint endpoint, string tenant, string adminClientId)
        {
            var options = GraphSessionFactory.ConfigureCredential(new DeviceCodeCredentialOptions
            {
                TenantId = tenant,
                ClientId = adminClientId,
                DisableInstanceDiscovery = !endpoint.IsPublicCloud,
                DeviceCodeCallback = (info, _) =>
                {
                    host.WriteWarning(info.Message);
                    return Task.CompletedTask;
                },
            }, endpoint);
            var credential = new DeviceCodeCredential(options);
            // Registration and rotation are rare and not presence traffic: a private session, not the pooled one.
            return GraphSessionFactory.Create(adminClientId, endpoint, credential, PresenceBudget.DefaultRequests, PresenceBudget.DefaultWindow, new RetryPolicy()).Client;
        }

        /// <summary>The client for a credential change: the admin's when given, else the app's own session.</summary>
        public static GraphServiceClient For(EngineContext context, AppRecord app, string businessUnit, string? adminClientId) =>
            adminClientId != null
                ? Client(context.Host, app.Endpoint, app.TenantId, adminClientId)
                : AppCredentialFactory.Session(app, businessUnit, context.Secrets).Client;

        /// <summary>The application's object id: known when PresenceSync registered it, else looked up (which needs Application.Read.All).</summary>
        public static async Task<string> ObjectIdAsync(GraphServiceClient client, AppRecord app, bool asAdmin, string businessUnit, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(app.ApplicationObjectId)) return app.ApplicationObjectId!;
            try
            {
                return (await client.ApplicationsWithAppId(app.ClientId).GetAsync(cancellationToken: ct).ConfigureAwait(false))!.Id!;
            }
            catch (Microsoft.Graph.Models.ODataErrors.ODataError ex) when (ex.ResponseStatusCode == 403 && !asAdmin)
            {
                throw EngineContext.Fail(TenantErrorIds.PermissionMissing, ErrorKind.PermissionDenied,
                    $"App {app.ClientId} may not read its own registration, so PresenceSync does not know its object id.", businessUnit,
                    $"Sign in as an admin once for this: add -AdminClientId {AppRegistrar.DefaultAdminClientId}.");
            }
        }

        /// <summary>The keyId of the app's key credential for a certificate, found by its thumbprint (customKeyIdentifier).</summary>
        public static async Task<string?> KeyIdAsync(GraphServiceClient client, string objectId, string thumbprint, CancellationToken ct)
        {
            var application = await client.Applications[objectId].GetAsync(cancellationToken: ct).ConfigureAwait(false);
            var wanted = Convert.ToBase64String(Enumerable.Range(0, thumbprint.Length / 2).Select(i => Convert.ToByte(thumbprint.Substring(i * 2, 2), 16)).ToArray());
            return application?.KeyCredentials?.FirstOrDefault(k => k.CustomKeyIdentifier != null && Convert.ToBase64String(k.CustomKeyIdentifier) == wanted)?.KeyId?.ToString();
        }
    }
}
