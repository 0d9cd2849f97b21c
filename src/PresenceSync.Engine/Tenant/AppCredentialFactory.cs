using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Identity;
using PresenceSync.Engine.Graph;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Turns a stored app into an Azure.Identity credential, finding its secret where it is kept:
    /// the session, DPAPI, or the environment. The secret is only ever held in memory.
    /// </summary>
    internal static class AppCredentialFactory
    {
        public const string SecretVariable = "PRESENCESYNC_CLIENT_SECRET";

        public static string UnitSecretVariable(string businessUnit) =>
            SecretVariable + "_" + new string(businessUnit.ToUpperInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());

        /// <summary>The session for this app, made once per process (see GraphSessionFactory).</summary>
        public static GraphSession Session(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            var (credential, fingerprint) = Create(app, businessUnit, secrets);
            var key = $"{app.TenantId}|{app.ClientId}|{app.CredentialType}|{fingerprint}";
            return GraphSessionFactory.Get(key, app.ClientId, app.Endpoint, _ => credential, app.PresenceBudget, PresenceBudget.DefaultWindow);
        }

        public static (TokenCredential Credential, string Fingerprint) Create(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            var publicCloud = app.Endpoint.IsPublicCloud;
            switch (app.CredentialType)
            {
                case CredentialType.ClientSecret:
                    var secret = ResolveSecret(app, businessUnit, secrets);
                    var secretOptions = GraphSessionFactory.ConfigureCredential(new ClientSecretCredentialOptions { DisableInstanceDiscovery = !publicCloud }, app.Endpoint);
                    return (new ClientSecretCredential(app.TenantId, app.ClientId, secret, secretOptions), Hash(secret));
                case CredentialType.Certificate:
                    var certificate = LoadCertificate(app);
                    var certOptions = GraphSessionFactory.ConfigureCredential(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = !publicCloud }, app.Endpoint);
                    return (new ClientCertificateCredential(app.TenantId, app.ClientId, certificate, certOptions), certificate.Thumbprint);
                default:
                    var id = string.IsNullOrEmpty(app.ManagedIdentityClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(app.ManagedIdentityClientId);
                    var miOptions = GraphSessionFactory.ConfigureCredential(new ManagedIdentityCredentialOptions(id), app.Endpoint);
                    return (new ManagedIdentityCredential(miOptions), "mi:" + app.ManagedIdentityClientId);
            }
        }

        public static string ResolveSecret(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            var fromSession = secrets?.Get(businessUnit);
            if (!string.IsNullOrEmpty(fromSession)) return fromSession!;
            if (app.SecretStorage == SecretStorage.Dpapi && app.ProtectedSecret != null)
            {
                try
                {
                    return SecretProtector.Unprotect(app.ProtectedSecret);
                }
                catch (CryptographicException ex)
                {
                    // DPAPI ties the secret to the Windows user who stored it.
                    throw new PresenceSyncException(new EngineError(TenantErrorIds.SecretUnavailable, ErrorKind.AuthenticationError,
                        $"The stored client secret of business unit '{businessUnit}' cannot be read by this Windows user: it was protected for another user or machine.",
                        businessUnit, "Give the secret again with Set-PresenceSyncApp -ClientSecret as the account that runs the sync."), ex);
                }
            }
            var fromEnvironment = Environment.GetEnvironmentVariable(UnitSecretVariable(businessUnit)) ?? Environment.GetEnvironmentVariable(SecretVariable);
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment!;
            throw EngineContext.Fail(TenantErrorIds.SecretUnavailable, ErrorKind.AuthenticationError,
                $"The client secret of app '{app.ClientId}' (business unit '{businessUnit}') is not available in this session.",
                businessUnit,
                $"Give it with Set-PresenceSyncApp -ClientSecret (kept for this session), or set ${UnitSecretVariable(businessUnit)} or ${SecretVariable}; " +
                "or switch the app to a certificate or a managed identity.");
        }

        public static X509Certificate2 LoadCertificate(AppRecord app)
        {
            if (!string.IsNullOrEmpty(app.CertificatePath))
            {
                if (!File.Exists(app.CertificatePath))
                    throw EngineContext.Fail(TenantErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound,
                        $"The certificate file '{app.CertificatePath}' does not exist.", app.CertificatePath);
                return new X509Certificate2(app.CertificatePath!, (string?)null, X509KeyStorageFlags.DefaultKeySet);
            }
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try { store.Open(OpenFlags.ReadOnly); } catch (CryptographicException) { continue; }
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, app.CertificateThumbprint ?? string.Empty, validOnly: false);
                foreach (var certificate in found)
                {
                    if (certificate.HasPrivateKey) return certificate;
                }
            }
            throw EngineContext.Fail(TenantErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {app.CertificateThumbprint} and a private key is in the CurrentUser or LocalMachine 'My' store.",
                app.CertificateThumbprint, "Import the certificate with its private key, or point the app at a PFX file with Set-PresenceSyncApp -CertificatePath.");
        }

        private static string Hash(string secret)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(secret)));
        }
    }
}
