using Azure.Core;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>Expired tokens, refresh tokens and delegated consent (own emulators: these tests move the clock past token lifetimes).</summary>
public class TokenLifetimeTests : IClassFixture<ShortTokenFixture>
{
    private readonly ShortTokenFixture _f;
    public TokenLifetimeTests(ShortTokenFixture f) => _f = f;

    [Fact]
    public async Task Device_code_tokens_are_refreshed_silently_with_the_refresh_token()
    {
        var credential = EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(1).UserPrincipalName!);
        var context = new TokenRequestContext(new[] { EmulatorGraph.GraphScope });
        var first = await credential.GetTokenAsync(context, default);
        var before = _f.Emulator.State.Statistics.TokenRequests("refresh_token");
        var second = await credential.GetTokenAsync(context, default);
        Assert.NotEqual(first.Token, second.Token);
        Assert.True(_f.Emulator.State.Statistics.TokenRequests("refresh_token") > before);
        var me = await EmulatorGraph.Client(_f.Connection, credential).Me.GetAsync();
        Assert.Equal(_f.User(1).Id, me!.Id);
    }

    [Fact]
    public async Task Disabled_user_cannot_sign_in_AADSTS50057()
    {
        var credential = EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(7).UserPrincipalName!);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default).AsTask());
        Assert.Contains("AADSTS50057", e.ToString());
    }

    [Fact]
    public async Task Delegated_scope_without_consent_is_AADSTS65001()
    {
        var (app, _) = await AppRegistration.RegisterAsync(_f.Admin, "public", Array.Empty<string>(), delegatedScopes: "User.Read", publicClient: true);
        var credential = EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(1).UserPrincipalName!, app.AppId);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/Presence.Read.All" }), default).AsTask());
        Assert.Contains("AADSTS65001", e.ToString());
    }
}
