using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Identity;
using PresenceSync.Engine.Graph;
using PresenceSync.Engine.Store.Repositories;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Turns a stored app into an Azure.Identity credential and a Graph session, finding its secret
    /// where it is kept: the session, the OS (DPAPI, Keychain, keyring, owner-only file), or the
    /// environment. The credential is built once per credential version (no decrypt, certificate
    /// load or HttpClient per call); a rotation gives the next version and so a new session.
    /// </summary>
    internal static class AppCredentialFactory
    {
        public const string SecretVariable = "PRESENCESYNC_CLIENT_SECRET";

        public static string UnitSecretVariable(string businessUnit) => SecretVariable + "_" + Upper(businessUnit);

        /// <summary>PRESENCESYNC_CLIENT_SECRET_&lt;client id&gt;: one secret per app when a unit has several.</summary>
        public static string AppSecretVariable(string clientId) => SecretVariable + "_" + Upper(clientId);

        /// <summary>The session for this app and credential version, made once per process (see GraphSessionFactory).</summary>
        public static GraphSession Session(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            // A secret given per session or read from the environment may change without a new version: it is part of the key.
            var given = app.CredentialType == CredentialType.ClientSecret && (app.SecretStorage == SecretStorage.Session || app.SecretStorage == SecretStorage.Environment)
                ? Hash(ResolveSecret(app, businessUnit, secrets)) : string.Empty;
            var credential = $"{app.StorePath}|{app.CredentialUid}|";
            // The budget too: a host whose share of a shared app changed (unit leases) paces with its new share.
            var key = $"{credential}{app.CredentialVersion}|{app.TenantId}|{app.Endpoint.Key}|{given}|{app.PresenceBudget}";
            return GraphSessionFactory.Get(key, k => k.StartsWith(credential, StringComparison.Ordinal) && VersionOf(k, credential) < app.CredentialVersion,
                app.TenantId, app.ClientId, app.Endpoint, () => Create(app, businessUnit, secrets), app.PresenceBudget, PresenceBudget.DefaultWindow);
        }

        /// <summary>
        /// The session for the newest version of the app's credential: one small query, and a reload
        /// only when a rotation (from any unit sharing the client id, in any process) changed it.
        /// </summary>
        public static GraphSession Current(EngineContext context, ref AppRecord app, string businessUnit)
        {
            var known = app;
            var version = context.Store.Read((c, tx) => CredentialRepository.Version(c, tx, known.CredentialId));
            if (version is long v && v != app.CredentialVersion)
                app = context.Store.Read((c, tx) => AppRepository.ById(c, tx, known.Id)) ?? app;
            return Session(app, businessUnit, context.Secrets);
        }

        /// <summary>Forgets every session built from the credential (it was removed from the store).</summary>
        public static void Forget(AppRecord app) =>
            GraphSessionFactory.Forget(k => k.StartsWith($"{app.StorePath}|{app.CredentialUid}|", StringComparison.Ordinal));

        public static TokenCredential Create(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            var publicCloud = app.Endpoint.IsPublicCloud;
            switch (app.CredentialType)
            {
                case CredentialType.ClientSecret:
                    var secret = ResolveSecret(app, businessUnit, secrets);
                    var secretOptions = GraphSessionFactory.ConfigureCredential(new ClientSecretCredentialOptions { DisableInstanceDiscovery = !publicCloud }, app.Endpoint);
                    return new ClientSecretCredential(app.TenantId, app.ClientId, secret, secretOptions);
                case CredentialType.Certificate:
                    var certificate = LoadCertificate(app, businessUnit, secrets);
                    var certOptions = GraphSessionFactory.ConfigureCredential(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = !publicCloud }, app.Endpoint);
                    return new ClientCertificateCredential(app.TenantId, app.ClientId, certificate, certOptions);
                default:
                    var id = string.IsNullOrEmpty(app.ManagedIdentityClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(app.ManagedIdentityClientId);
                    var miOptions = GraphSessionFactory.ConfigureCredential(new ManagedIdentityCredentialOptions(id), app.Endpoint);
                    return new ManagedIdentityCredential(miOptions);
            }
        }

        public static string ResolveSecret(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            var fromSession = secrets?.Get(app.ClientId);
            if (!string.IsNullOrEmpty(fromSession)) return fromSession!;
            var stored = ReadStored(app.SecretStorage, app.ProtectedSecret, app.SecretRef, businessUnit);
            if (stored != null) return stored;
            // An empty variable counts as unset (pwsh 7.5+ can set one), so it never hides the next in the order.
            var fromEnvironment = new[] { AppSecretVariable(app.ClientId), UnitSecretVariable(businessUnit), SecretVariable }
                .Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment!;
            throw EngineContext.Fail(TenantErrorIds.SecretUnavailable, ErrorKind.AuthenticationError,
                $"The client secret of app '{app.ClientId}' (business unit '{businessUnit}') is not available in this session.",
                businessUnit,
                $"Give it with Set-PresenceSyncApp -ClientId {app.ClientId} -ClientSecret (kept at rest where the system allows it), or set " +
                $"$env:{AppSecretVariable(app.ClientId)}, $env:{UnitSecretVariable(businessUnit)} or $env:{SecretVariable}; or switch the app to a certificate or a managed identity.");
        }

        /// <summary>The certificate and its private key; a PFX's password is the credential's secret.</summary>
        public static X509Certificate2 LoadCertificate(AppRecord app, string businessUnit, ISessionSecrets? secrets)
        {
            if (string.IsNullOrEmpty(app.CertificatePath)) return CertificateLoader.FromStore(app.CertificateThumbprint ?? string.Empty);
            var password = app.HasSecret
                ? secrets?.Get(app.ClientId) ?? ReadStored(app.SecretStorage, app.ProtectedSecret, app.SecretRef, businessUnit)
                : null;
            return CertificateLoader.FromFile(app.CertificatePath!, password);
        }

        /// <summary>A secret kept at rest, or null when it is not kept there; a secret this user cannot read is an error.</summary>
        public static string? ReadStored(SecretStorage storage, byte[]? protectedSecret, string? reference, string businessUnit)
        {
            try
            {
                return SecretVault.Read(storage, protectedSecret, reference);
            }
            catch (CryptographicException ex)
            {
                // DPAPI ties the secret to the Windows user who stored it.
                throw new PresenceSyncException(new EngineError(TenantErrorIds.SecretUnavailable, ErrorKind.AuthenticationError,
                    $"The stored secret of business unit '{businessUnit}' cannot be read by this Windows user: it was protected for another user or machine.",
                    businessUnit, "Give the secret again with Set-PresenceSyncApp -ClientSecret as the account that runs the sync."), ex);
            }
            catch (Exception ex) when (!(ex is PresenceSyncException) && !(ex is OutOfMemoryException))
            {
                // A keyring that is locked or not reachable (no D-Bus session, another user): say where the secret is and what to do.
                throw new PresenceSyncException(new EngineError(TenantErrorIds.SecretUnavailable, ErrorKind.AuthenticationError,
                    $"The secret of business unit '{businessUnit}' is kept in the {Describe(storage)}, which this process cannot read: {ex.Message.Split('\n')[0].Trim()}",
                    businessUnit, "Run as the user who recorded it, with that keyring unlocked; or record the secret again from the account and " +
                                  $"session that runs the sync (Set-PresenceSyncApp -ClientSecret; $env:{SecretVault.ModeVariable} = 'File' keeps it in an owner-only file)."), ex);
            }
        }

        public static string Describe(SecretStorage storage) => storage switch
        {
            SecretStorage.Dpapi => "Windows DPAPI store",
            SecretStorage.Keychain => "macOS Keychain",
            SecretStorage.Keyring => "Secret Service keyring",
            SecretStorage.OwnerOnlyFile => $"owner-only file in {SecretVault.Folder}",
            _ => storage.ToString(),
        };

        private static long VersionOf(string key, string prefix)
        {
            var rest = key.Substring(prefix.Length);
            var end = rest.IndexOf('|');
            return long.TryParse(end < 0 ? rest : rest.Substring(0, end), out var v) ? v : long.MaxValue;
        }

        private static string Upper(string text) => new string(text.ToUpperInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());

        private static string Hash(string secret)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(secret)));
        }
    }
}
