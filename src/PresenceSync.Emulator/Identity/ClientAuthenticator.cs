using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Directory;

namespace PresenceSync.Emulator.Identity;

/// <summary>
/// Authenticates a confidential client by secret or by certificate assertion, answering AAD's own
/// error codes (AADSTS7000215 wrong secret, AADSTS7000222 expired secret, AADSTS700027 bad assertion).
/// </summary>
internal sealed class ClientAuthenticator
{
    private readonly EmulatorClock _clock;

    public ClientAuthenticator(EmulatorClock clock) => _clock = clock;

    public IResult? Authenticate(AppRegistration app, IFormCollection form, string tokenEndpoint, bool required)
    {
        var secret = (string?)form["client_secret"];
        var assertion = (string?)form["client_assertion"];
        if (!string.IsNullOrEmpty(secret)) return CheckSecret(app, secret);
        if (!string.IsNullOrEmpty(assertion)) return CheckAssertion(app, assertion, (string?)form["client_assertion_type"], tokenEndpoint);
        if (required || !app.IsFallbackPublicClient)
            return AadError.Result(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        return null;
    }

    private IResult? CheckSecret(AppRegistration app, string secret)
    {
        PasswordCredential? match;
        lock (app) match = app.PasswordCredentials.FirstOrDefault(p => p.SecretText == secret);
        if (match is null)
            return AadError.Result(401, "invalid_client", 7000215,
                $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{app.AppId}'.");
        var now = _clock.UtcNow;
        if (match.EndDateTime <= now)
            return AadError.Result(401, "invalid_client", 7000222,
                $"The provided client secret keys for app '{app.AppId}' are expired. Visit the Azure portal to create new keys for your app.");
        if (match.StartDateTime > now)
            return AadError.Result(401, "invalid_client", 7000215, "Invalid client secret provided (not yet valid).");
        return null;
    }

    private IResult? CheckAssertion(AppRegistration app, string assertion, string? assertionType, string tokenEndpoint)
    {
        if (assertionType != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            return AadError.Result(400, "invalid_request", 50027, "Invalid client_assertion_type.");
        var parsed = Jwt.Parse(assertion);
        if (parsed is null)
            return AadError.Result(401, "invalid_client", 50027, "JWT token is invalid or malformed.");
        var (header, payload, input, signature) = parsed.Value;
        var alg = (string?)header["alg"] ?? "";
        List<KeyCredential> keys;
        lock (app) keys = app.KeyCredentials.ToList();
        var now = _clock.UtcNow;
        var verified = keys.FirstOrDefault(k => k.Certificate.GetRSAPublicKey() is { } rsa && Jwt.Verify(alg, input, signature, rsa));
        if (verified is null)
            return AadError.Result(401, "invalid_client", 700027,
                $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{app.AppId}'.]");
        if (verified.EndDateTime <= now)
            return AadError.Result(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - The key used is expired.]");
        if (verified.StartDateTime > now)
            return AadError.Result(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - The key used is not yet valid.]");
        if ((string?)payload["iss"] != app.AppId.ToString() || (string?)payload["sub"] != app.AppId.ToString())
            return AadError.Result(401, "invalid_client", 700023, "Client assertion audience claim does not match Realm issuer.");
        var aud = (string?)payload["aud"] ?? "";
        if (!string.Equals(aud.TrimEnd('/'), tokenEndpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return AadError.Result(401, "invalid_client", 700016, $"The audience '{aud}' of the client assertion is not the token endpoint.");
        // The assertion is minted with the client's real clock: check it against real time, not the
        // virtual clock that tests may have moved hours ahead.
        var exp = DateTimeOffset.FromUnixTimeSeconds(Jwt.NumberClaim(payload["exp"]));
        if (exp + TokenService.ClockSkew < DateTimeOffset.UtcNow)
            return AadError.Result(401, "invalid_client", 700024, "Client assertion is not within its valid time range.");
        return null;
    }
}
