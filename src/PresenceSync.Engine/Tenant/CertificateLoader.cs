using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Finds a certificate with its private key: a PFX file (with its password, when it has one) or
    /// the CurrentUser / LocalMachine 'My' store by thumbprint. Every failure is a clear error with a
    /// stable id, never a raw CryptographicException.
    /// </summary>
    internal static class CertificateLoader
    {
        public static X509Certificate2 FromFile(string path, string? password)
        {
            if (!File.Exists(path))
                throw EngineContext.Fail(TenantErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound, $"The certificate file '{path}' does not exist.", path);
            X509Certificate2 certificate;
            try
            {
                certificate = new X509Certificate2(path, password, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException ex) when (LooksLikePasswordError(ex))
            {
                throw new PresenceSyncException(new EngineError(TenantErrorIds.CertificatePasswordInvalid, ErrorKind.AuthenticationError,
                    password == null
                        ? $"The certificate file '{path}' is protected by a password, and none was given."
                        : $"The password does not open the certificate file '{path}'.",
                    path, "Give the PFX's password with -CertificatePassword (a SecureString, for example from Read-Host -AsSecureString)."), ex);
            }
            catch (CryptographicException ex)
            {
                throw new PresenceSyncException(new EngineError(TenantErrorIds.CertificateUnreadable, ErrorKind.InvalidData,
                    $"'{path}' is not a certificate file PresenceSync can read ({ex.Message.Trim()}).", path,
                    "Export the certificate with its private key as a PFX (PKCS#12) file."), ex);
            }
            if (!certificate.HasPrivateKey)
                throw EngineContext.Fail(TenantErrorIds.CertificateNotFound, ErrorKind.InvalidData,
                    $"The certificate file '{path}' has no private key: the app cannot sign in with it.", path,
                    "Export the certificate with its private key as a PFX (PKCS#12) file.");
            return certificate;
        }

        public static X509Certificate2 FromStore(string thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try { store.Open(OpenFlags.ReadOnly); } catch (CryptographicException) { continue; }
                foreach (var certificate in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false))
                {
                    if (certificate.HasPrivateKey) return certificate;
                }
            }
            throw EngineContext.Fail(TenantErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} and a private key is in the CurrentUser or LocalMachine 'My' store.",
                thumbprint, "Import the certificate with its private key, or point the app at a PFX file with Set-PresenceSyncApp -CertificatePath.");
        }

        // Windows says "The specified network password is not correct", Linux and macOS "...password may be incorrect";
        // both set HResult to the PKCS#12 MAC failure on .NET Core. A wrong password is by far the common cause.
        private static bool LooksLikePasswordError(CryptographicException ex) =>
            ex.Message.IndexOf("password", System.StringComparison.OrdinalIgnoreCase) >= 0 || ex.HResult == unchecked((int)0x80070056);
    }
}
