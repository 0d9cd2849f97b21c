using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Reflection;

namespace PresenceSync.Engine.Tenant
{
    /// <summary>
    /// Makes the self-signed certificate an app signs in with (RSA 2048, SHA-256, one year by
    /// default), and keeps it in the user's 'My' store or a PFX file. netstandard2.0 lacks
    /// CertificateRequest, but every runtime the module loads in has it (.NET Framework 4.7.2+,
    /// .NET 6+), so it is reached by reflection rather than writing ASN.1 and PKCS#12 by hand.
    /// </summary>
    internal static class SelfSignedCertificate
    {
        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        public static X509Certificate2 Create(string subject, TimeSpan lifetime)
        {
            var type = Type.GetType("System.Security.Cryptography.X509Certificates.CertificateRequest, System.Security.Cryptography")
                ?? Type.GetType("System.Security.Cryptography.X509Certificates.CertificateRequest, System.Security.Cryptography.X509Certificates")
                ?? Type.GetType("System.Security.Cryptography.X509Certificates.CertificateRequest, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")
                ?? throw EngineContext.Fail(TenantErrorIds.CertificateNotCreated, ErrorKind.NotImplemented,
                    "This .NET runtime cannot create certificates (it needs .NET Framework 4.7.2 or later, or PowerShell 7).", subject,
                    "Create a certificate another way and record it with -CertificatePath or -CertificateThumbprint.");
            var rsa = RSA.Create();
            rsa.KeySize = 2048;
            var request = Activator.CreateInstance(type, "CN=" + subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)!;
            var extensions = (System.Collections.ObjectModel.Collection<X509Extension>)type.GetProperty("CertificateExtensions")!.GetValue(request)!;
            extensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            extensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            var now = DateTimeOffset.UtcNow;
            var create = type.GetMethod("CreateSelfSigned", new[] { typeof(DateTimeOffset), typeof(DateTimeOffset) })!;
            try
            {
                return (X509Certificate2)create.Invoke(request, new object[] { now.AddMinutes(-10), now + lifetime })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is CryptographicException crypto)
            {
                throw new PresenceSyncException(new EngineError(TenantErrorIds.CertificateNotCreated, ErrorKind.InvalidOperation,
                    $"The certificate could not be created: {crypto.Message}", subject), crypto);
            }
        }

        /// <summary>Adds the certificate with its private key to CurrentUser\My and returns the stored copy.</summary>
        public static X509Certificate2 ToUserStore(X509Certificate2 certificate)
        {
            // The key of a certificate made in memory is ephemeral: round-trip through PKCS#12 to persist it with the store entry.
            var persisted = new X509Certificate2(certificate.Export(X509ContentType.Pfx), (string?)null,
                X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.UserKeySet | X509KeyStorageFlags.Exportable);
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            store.Add(persisted);
            return persisted;
        }

        /// <summary>Writes the certificate with its private key as a PFX only the owner can read; refuses to overwrite a file.</summary>
        public static void ToFile(X509Certificate2 certificate, string path, string? password)
        {
            if (File.Exists(path))
                throw EngineContext.Fail(TenantErrorIds.CertificateNotCreated, ErrorKind.ResourceExists,
                    $"'{path}' exists already: PresenceSync never overwrites a certificate file.", path, "Name a new file with -CertificatePath.");
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var bytes = certificate.Export(X509ContentType.Pfx, password);
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) Chmod(path, Convert.ToInt32("600", 8));
                stream.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
