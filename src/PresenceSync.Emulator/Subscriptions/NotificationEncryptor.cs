using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Encrypts rich notification content exactly as Graph does: a random 32-byte key, AES-CBC with
/// PKCS7 padding and IV = the key's first 16 bytes; HMAC-SHA256 over the encrypted bytes with the
/// same key; the key wrapped with the subscriber's certificate (RSA OAEP, SHA-1).
/// </summary>
public static class NotificationEncryptor
{
    public static JsonObject Encrypt(string plaintextJson, X509Certificate2 certificate, string? certificateId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintextJson), key.AsSpan(0, 16), PaddingMode.PKCS7);
        var signature = HMACSHA256.HashData(key, cipher);
        using var rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The encryption certificate has no RSA key.");
        var wrapped = rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1);
        return new JsonObject
        {
            ["data"] = Convert.ToBase64String(cipher),
            ["dataSignature"] = Convert.ToBase64String(signature),
            ["dataKey"] = Convert.ToBase64String(wrapped),
            ["encryptionCertificateId"] = certificateId,
            ["encryptionCertificateThumbprint"] = certificate.Thumbprint,
        };
    }

    /// <summary>The documented decryption (verify the signature before anything else); throws on a bad signature.</summary>
    public static string Decrypt(JsonObject encryptedContent, RSA privateKey)
    {
        var key = privateKey.Decrypt(Convert.FromBase64String((string)encryptedContent["dataKey"]!), RSAEncryptionPadding.OaepSHA1);
        var cipher = Convert.FromBase64String((string)encryptedContent["data"]!);
        var expected = Convert.FromBase64String((string)encryptedContent["dataSignature"]!);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, cipher), expected))
            throw new CryptographicException("The data signature does not match: the notification was tampered with.");
        using var aes = Aes.Create();
        aes.Key = key;
        return Encoding.UTF8.GetString(aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.PKCS7));
    }
}
