using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PresenceSync.Emulator.Identity;

/// <summary>The emulator's token-signing key, published as JWKS like AAD's discovery keys.</summary>
internal sealed class SigningKey : IDisposable
{
    public RSA Rsa { get; } = RSA.Create(2048);
    public string KeyId { get; } = Jwt.B64Url(RandomNumberGenerator.GetBytes(12));

    public JsonObject Jwks()
    {
        var p = Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId, ["x5t"] = KeyId,
                ["n"] = Jwt.B64Url(p.Modulus!), ["e"] = Jwt.B64Url(p.Exponent!),
            }),
        };
    }

    public void Dispose() => Rsa.Dispose();
}
