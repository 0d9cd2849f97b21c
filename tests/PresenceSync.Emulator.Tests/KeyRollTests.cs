using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Applications.Item.AddKey;
using Microsoft.Graph.Applications.Item.RemoveKey;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// addKey and removeKey (graph/api/application-addkey, application-removekey): an app rolls its own
/// certificates with no permission, proving possession with a JWT signed by a current certificate
/// (audience 00000002-0000-0000-c000-000000000000, issuer the application's object id, at most 10
/// minutes); a removed certificate no longer signs in.
/// </summary>
public class KeyRollTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public KeyRollTests(EmulatorFixture f) => _f = f;

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PresenceSync key roll", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var c = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(c.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    private static KeyCredential Key(X509Certificate2 c) => new() { Type = "AsymmetricX509Cert", Usage = "Verify", Key = c.Export(X509ContentType.Cert) };

    private static string Proof(string objectId, X509Certificate2 signer, TimeSpan? lifetime = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = "00000002-0000-0000-c000-000000000000", Issuer = objectId, NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow + (lifetime ?? TimeSpan.FromMinutes(10)), SigningCredentials = new X509SigningCredentials(signer),
        });

    private async Task<(Application App, X509Certificate2 First)> AppWithCertificate(string name)
    {
        var (app, _) = await AppRegistration.RegisterAsync(_f.Admin, name, new[] { "Presence.Read.All" });
        var first = NewCertificate();
        await _f.Admin.Applications[app.Id].PatchAsync(new Application { KeyCredentials = new List<KeyCredential> { Key(first) } });
        return (app, first);
    }

    private Task<AccessToken> Token(string appId, X509Certificate2 certificate) =>
        EmulatorGraph.CertificateCredential(_f.Connection, appId, certificate).GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask();

    [Fact]
    [Trait("Fact", "An application does not need any specific permission to roll its own keys (addKey, removeKey with a proof of possession)")]
    public async Task An_app_rolls_its_own_certificate_with_a_proof_and_the_removed_one_no_longer_signs_in()
    {
        var (app, first) = await AppWithCertificate("roll-own-key");
        var self = EmulatorGraph.Client(_f.Connection, EmulatorGraph.CertificateCredential(_f.Connection, app.AppId!, first));
        using var second = NewCertificate();
        var added = await self.Applications[app.Id].AddKey.PostAsync(new AddKeyPostRequestBody { KeyCredential = Key(second), Proof = Proof(app.Id!, first) });
        Assert.NotNull(added!.KeyId);
        await Token(app.AppId!, second);

        var firstKey = (await _f.Admin.Applications[app.Id].GetAsync())!.KeyCredentials!.Single(k => k.KeyId != added.KeyId).KeyId!.Value;
        var withSecond = EmulatorGraph.Client(_f.Connection, EmulatorGraph.CertificateCredential(_f.Connection, app.AppId!, second));
        await withSecond.Applications[app.Id].RemoveKey.PostAsync(new RemoveKeyPostRequestBody { KeyId = firstKey, Proof = Proof(app.Id!, second) });
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Token(app.AppId!, first));
        Assert.Contains("AADSTS700027", e.ToString());
        await Token(app.AppId!, second);
    }

    [Fact]
    public async Task A_proof_from_another_key_or_issuer_or_for_too_long_and_another_app_without_permission_are_refused()
    {
        var (app, first) = await AppWithCertificate("roll-refusals");
        var self = EmulatorGraph.Client(_f.Connection, EmulatorGraph.CertificateCredential(_f.Connection, app.AppId!, first));
        using var stranger = NewCertificate();
        using var next = NewCertificate();
        foreach (var proof in new[] { Proof(app.Id!, stranger), Proof(Guid.NewGuid().ToString(), first), Proof(app.Id!, first, TimeSpan.FromHours(1)), "not-a-jwt" })
        {
            var bad = await Assert.ThrowsAsync<ODataError>(() => self.Applications[app.Id].AddKey.PostAsync(new AddKeyPostRequestBody { KeyCredential = Key(next), Proof = proof }));
            Assert.Equal(400, bad.ResponseStatusCode);
        }
        var (other, otherSecret) = await AppRegistration.RegisterAsync(_f.Admin, "roll-other", new[] { "Presence.Read.All" });
        var otherClient = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, other.AppId, otherSecret));
        var denied = await Assert.ThrowsAsync<ODataError>(() => otherClient.Applications[app.Id].AddKey.PostAsync(new AddKeyPostRequestBody { KeyCredential = Key(next), Proof = Proof(app.Id!, first) }));
        Assert.Equal(403, denied.ResponseStatusCode);
    }
}
