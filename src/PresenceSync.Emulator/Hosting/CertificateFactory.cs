using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Creates the self-signed TLS certificate the emulator serves (127.0.0.1 and localhost) and writes
/// its public part as PEM so that clients can pin or trust it. A fresh one per start: nothing on the
/// machine needs to trust it, clients pin the thumbprint.
/// </summary>
internal static class CertificateFactory
{
    public static X509Certificate2 CreateTlsCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=PresenceSync Graph Emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        // Round-trip through PKCS#12 so that the private key is usable by SslStream on every OS.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Writes the public certificate as PEM and returns its path.</summary>
    public static string WritePublicPem(X509Certificate2 certificate, string? directory)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "presencesync-emulator");
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"emulator-{certificate.Thumbprint}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
