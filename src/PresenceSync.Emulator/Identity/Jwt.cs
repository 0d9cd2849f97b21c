using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// Minimal compact JWS (RS256/PS256) writer and reader. Hand-written so the emulator needs no
/// package; it only handles what AAD and MSAL exchange.
/// </summary>
internal static class Jwt
{
    public static string Sign(JsonObject header, JsonObject payload, RSA key)
    {
        header["alg"] ??= "RS256";
        header["typ"] ??= "JWT";
        var signingInput = B64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + B64Url(signature);
    }

    /// <summary>Splits and parses a token without verifying it; null when it is not a JWS.</summary>
    public static (JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var header = JsonNode.Parse(FromB64Url(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(FromB64Url(parts[1])) as JsonObject;
            if (header is null || payload is null) return null;
            return (header, payload, parts[0] + "." + parts[1], FromB64Url(parts[2]));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    public static bool Verify(string alg, string signingInput, byte[] signature, RSA key)
    {
        var data = Encoding.ASCII.GetBytes(signingInput);
        return alg switch
        {
            "RS256" => key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
    }

    public static string B64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromB64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    public static long Epoch(DateTimeOffset t) => t.ToUnixTimeSeconds();

    /// <summary>Reads a numeric claim; MSAL writes some (exp, nbf) in assertions as strings.</summary>
    public static long NumberClaim(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => (long)node,
        JsonValueKind.String => long.TryParse((string?)node, out var n) ? n : 0,
        _ => 0,
    };
}
