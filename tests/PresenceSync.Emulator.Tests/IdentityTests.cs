using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Applications.Item.AddPassword;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>Token endpoint, token validation and permission checks, through Azure.Identity and the Graph SDK only.</summary>
public class IdentityTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public IdentityTests(EmulatorFixture f) => _f = f;

    [Fact]
    [Trait("Fact", "App-only: ClientSecretCredential, scope https://graph.microsoft.com/.default")]
    [Trait("Fact", "Azure.Identity can be pointed at a local emulator: AuthorityHost = the emulator's https URL, DisableInstanceDiscovery = true, and a Transport whose HttpClient trusts the emulator's certificate")]
    public async Task Client_secret_credential_gets_a_token_that_reads_presence()
    {
        var client = EmulatorGraph.AdminClient(_f.Connection);
        var presence = await client.Users[_f.User(1).Id].Presence.GetAsync();
        Assert.Equal(_f.User(1).Id, presence!.Id);
        Assert.Equal("Offline", presence.Availability);
    }

    [Fact]
    [Trait("Fact", "Azure.Identity can be pointed at a local emulator: AuthorityHost = the emulator's https URL, DisableInstanceDiscovery = true, and a Transport whose HttpClient trusts the emulator's certificate")]
    public async Task Credential_whose_transport_does_not_trust_the_emulator_certificate_gets_no_token()
    {
        var credential = new ClientSecretCredential(_f.Connection.TenantId, _f.Connection.ClientId, _f.Connection.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(_f.Connection.AuthorityHost), DisableInstanceDiscovery = true, Retry = { MaxRetries = 0 },
        });
        await Assert.ThrowsAnyAsync<Exception>(() => credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
    }

    [Fact]
    [Trait("Fact", "Reuse one credential and one GraphServiceClient per process: tokens are cached per credential instance")]
    public async Task One_credential_asks_for_a_token_once_a_new_credential_asks_again()
    {
        var stats = _f.Emulator.State.Statistics;
        var before = stats.TokenRequests("client_credentials");
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection));
        for (var i = 0; i < 3; i++) await client.Users[_f.User(1).Id].Presence.GetAsync();
        Assert.Equal(before + 1, stats.TokenRequests("client_credentials"));
        await EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection)).Users[_f.User(1).Id].Presence.GetAsync();
        Assert.Equal(before + 2, stats.TokenRequests("client_credentials"));
    }

    [Fact]
    [Trait("Fact", "The Graph SDK's AzureIdentityAuthenticationProvider only attaches tokens to allowed hosts: add the emulator's host to its allowed hosts, or requests go out without a token")]
    public async Task Client_without_the_emulator_host_in_allowed_hosts_sends_no_token_and_gets_401()
    {
        var stats = _f.Emulator.State.Statistics;
        var tokensBefore = stats.TokenRequests("client_credentials");
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection), allowedHosts: new[] { "graph.microsoft.com" });
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(1).Id].Presence.GetAsync());
        Assert.Equal(401, e.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", e.Error!.Code);
        Assert.Equal(tokensBefore, stats.TokenRequests("client_credentials"));
    }

    [Fact]
    [Trait("Fact", "permissions read: application Presence.Read.All (or Presence.ReadWrite.All)")]
    [Trait("Fact", "setPresence: application Presence.ReadWrite.All")]
    public async Task Presence_readwrite_all_app_can_read_and_write()
    {
        var (app, secret) = await RegisterAppAsync("writer", "Presence.ReadWrite.All");
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret));
        var user = _f.User(4).Id;
        await client.Users[user].Presence.SetPresence.PostAsync(
            new Microsoft.Graph.Users.Item.Presence.SetPresence.SetPresencePostRequestBody { SessionId = app.AppId, Availability = "Busy", Activity = "InACall" });
        var p = await client.Communications.Presences[user].GetAsync();
        Assert.Equal(("Busy", "InACall"), (p!.Availability, p.Activity));
    }

    [Fact]
    public async Task Wrong_secret_is_rejected_with_AADSTS7000215()
    {
        var credential = EmulatorGraph.SecretCredential(_f.Connection, secret: "not-the-secret");
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS7000215", e.ToString());
    }

    [Fact]
    public async Task Unknown_tenant_is_rejected_with_AADSTS90002()
    {
        var credential = EmulatorGraph.SecretCredential(_f.Connection, tenantId: Guid.NewGuid().ToString());
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS90002", e.ToString());
    }

    [Fact]
    public async Task Unknown_client_is_rejected_with_AADSTS700016()
    {
        var credential = EmulatorGraph.SecretCredential(_f.Connection, clientId: Guid.NewGuid().ToString());
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS700016", e.ToString());
    }

    [Fact]
    [Trait("Fact", "Client credential flows must use scope /.default")]
    public async Task Client_credentials_without_dot_default_scope_is_rejected()
    {
        var credential = EmulatorGraph.SecretCredential(_f.Connection);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/Presence.Read.All" }), default).AsTask());
        Assert.Contains("AADSTS1002012", e.ToString());
    }

    [Fact]
    [Trait("Fact", "App-only: ClientCertificateCredential")]
    public async Task Certificate_registered_through_graph_authenticates_ClientCertificateCredential()
    {
        var (app, _) = await RegisterAppAsync("cert-app", "Presence.Read.All");
        using var cert = CreateCertificate();
        await _f.Admin.Applications[app.Id].PatchAsync(new Application
        {
            KeyCredentials = new List<KeyCredential>
            {
                new() { Type = "AsymmetricX509Cert", Usage = "Verify", Key = cert.Export(X509ContentType.Cert), DisplayName = "CN=cert-app" },
            },
        });
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.CertificateCredential(_f.Connection, app.AppId!, cert));
        var presence = await client.Communications.Presences[_f.User(2).Id].GetAsync();
        Assert.Equal(_f.User(2).Id, presence!.Id);

        using var other = CreateCertificate();
        var rogue = EmulatorGraph.CertificateCredential(_f.Connection, app.AppId!, other);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            rogue.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS700027", e.ToString());
    }

    [Fact]
    [Trait("Fact", "permissions read: application Presence.Read.All (or Presence.ReadWrite.All)")]
    [Trait("Fact", "App-only: Graph app roles granted to the service principal; scope https://graph.microsoft.com/.default, admin consent required")]
    public async Task Api_called_without_the_permission_it_needs_answers_403()
    {
        var (app, secret) = await RegisterAppAsync("no-presence", "User.Read.All");
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret));
        var users = await client.Users.GetAsync();
        Assert.NotEmpty(users!.Value!);
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(1).Id].Presence.GetAsync());
        Assert.Equal(403, e.ResponseStatusCode);
        Assert.Equal("Forbidden", e.Error!.Code);
        var write = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(1).Id].Presence.SetPresence.PostAsync(
            new Microsoft.Graph.Users.Item.Presence.SetPresence.SetPresencePostRequestBody { SessionId = app.AppId, Availability = "Available", Activity = "Available" }));
        Assert.Equal(403, write.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "permissions read: application Presence.Read.All (or Presence.ReadWrite.All)")]
    [Trait("Fact", "setPresence: application Presence.ReadWrite.All")]
    public async Task Presence_read_all_app_can_read_but_not_write()
    {
        var (app, secret) = await RegisterAppAsync("reader", "Presence.Read.All");
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret));
        await client.Users[_f.User(3).Id].Presence.GetAsync();
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(3).Id].Presence.SetPresence.PostAsync(
            new Microsoft.Graph.Users.Item.Presence.SetPresence.SetPresencePostRequestBody { SessionId = app.AppId, Availability = "Available", Activity = "Available" }));
        Assert.Equal(403, e.ResponseStatusCode);
    }

    [Fact]
    public async Task Removed_secret_no_longer_authenticates()
    {
        var (app, secret) = await RegisterAppAsync("rotate", "Presence.Read.All");
        var credentials = (await _f.Admin.Applications[app.Id].GetAsync())!.PasswordCredentials!;
        await _f.Admin.Applications[app.Id].RemovePassword.PostAsync(new Microsoft.Graph.Applications.Item.RemovePassword.RemovePasswordPostRequestBody { KeyId = credentials[0].KeyId });
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret).GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS7000215", e.ToString());
    }

    [Fact]
    public async Task Secret_past_its_end_date_is_rejected_with_AADSTS7000222()
    {
        var (app, _) = await RegisterAppAsync("short-secret", "Presence.Read.All");
        var shortLived = await _f.Admin.Applications[app.Id].AddPassword.PostAsync(new AddPasswordPostRequestBody
        {
            PasswordCredential = new PasswordCredential { DisplayName = "expired", EndDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(-1) },
        });
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            EmulatorGraph.SecretCredential(_f.Connection, app.AppId, shortLived!.SecretText).GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS7000222", e.ToString());
    }

    /// <summary>Registers an app through Graph: application, service principal, app role grants, secret.</summary>
    internal async Task<(Application App, string Secret)> RegisterAppAsync(string name, params string[] roles) =>
        await AppRegistration.RegisterAsync(_f.Admin, name, roles);

    internal static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PresenceSync test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var c = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(c.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
