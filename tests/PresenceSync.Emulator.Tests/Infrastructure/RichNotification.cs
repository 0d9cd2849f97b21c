using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PresenceSync.Emulator;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>
/// A subscriber's side of rich notifications, written from the documentation (not from the
/// emulator's code): unwrap the key with RSA OAEP SHA-1, verify HMAC-SHA256 over the data first,
/// then AES-CBC/PKCS7 with IV = the first 16 bytes of the key. Validation tokens are checked
/// against the keys published at the emulator's OpenID discovery document.
/// </summary>
public static class RichNotification
{
    public static string Decrypt(JsonObject encryptedContent, RSA privateKey)
    {
        var key = privateKey.Decrypt(Convert.FromBase64String((string)encryptedContent["dataKey"]!), RSAEncryptionPadding.OaepSHA1);
        var data = Convert.FromBase64String((string)encryptedContent["data"]!);
        using (var hmac = new HMACSHA256(key))
            if (!CryptographicOperations.FixedTimeEquals(hmac.ComputeHash(data), Convert.FromBase64String((string)encryptedContent["dataSignature"]!)))
                throw new CryptographicException("Signature mismatch: the notification is rejected.");
        using var aes = Aes.Create();
        aes.Key = key;
        aes.IV = key[..16];
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.PKCS7;
        using var decryptor = aes.CreateDecryptor();
        return Encoding.UTF8.GetString(decryptor.TransformFinalBlock(data, 0, data.Length));
    }

    /// <summary>Verifies the validation token's RS256 signature with the JWKS and returns its claims.</summary>
    public static async Task<JsonObject> ValidateTokenAsync(string token, EmulatorConnection c)
    {
        using var http = EmulatorGraph.PinnedHttpClient(c);
        var discovery = JsonNode.Parse(await http.GetStringAsync($"{c.AuthorityHost}{c.TenantId}/v2.0/.well-known/openid-configuration"))!;
        var jwks = JsonNode.Parse(await http.GetStringAsync((string)discovery["jwks_uri"]!))!;
        var parts = token.Split('.');
        var header = JsonNode.Parse(B64(parts[0]))!;
        var key = jwks["keys"]!.AsArray().Single(k => (string?)k!["kid"] == (string?)header["kid"])!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = B64((string)key["n"]!), Exponent = B64((string)key["e"]!) });
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), B64(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new CryptographicException("Validation token signature is invalid.");
        return JsonNode.Parse(B64(parts[1]))!.AsObject();
    }

    private static byte[] B64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
