using Azure.Identity;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Tenants;

/// <summary>
/// Several tenants behind one Graph endpoint and one identity endpoint, as Microsoft hosts them:
/// each has its own directory, admin app, presence and budget; a token is served in its own tenant.
/// </summary>
public class MultiTenantTests : IClassFixture<TwoTenantFixture>
{
    private readonly TwoTenantFixture _f;
    public MultiTenantTests(TwoTenantFixture f) => _f = f;

    [Fact]
    public async Task Every_tenant_has_its_own_connection_directory_and_admin_app()
    {
        var contoso = await _f.UsersAsync(_f.Contoso);
        var fabrikam = await _f.UsersAsync(_f.Fabrikam);
        Assert.Equal(30, contoso.Count);
        Assert.Equal(12, fabrikam.Count);
        Assert.All(fabrikam, u => Assert.EndsWith("@fabrikam.test", u.UserPrincipalName));
        Assert.Empty(contoso.Select(u => u.Id).Intersect(fabrikam.Select(u => u.Id)));
        Assert.NotEqual(_f.Contoso.TenantId, _f.Fabrikam.TenantId);
        Assert.NotEqual(_f.Contoso.ClientId, _f.Fabrikam.ClientId);
        // Same Graph and identity host for both, as in the cloud.
        Assert.Equal(_f.Contoso.GraphBaseUrl, _f.Fabrikam.GraphBaseUrl);
        Assert.Equal(_f.Contoso.AuthorityHost, _f.Fabrikam.AuthorityHost);
        Assert.Equal(new[] { _f.Contoso.TenantId, _f.Fabrikam.TenantId }, _f.Emulator.Connection.Tenants!.Select(t => t.TenantId));
        Assert.EndsWith($"/_emulator/tenants/{_f.Fabrikam.TenantId}", _f.Fabrikam.ControlUrl);
        var listed = (await _f.ContosoControl.GetNodeAsync("/tenants"))!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.Equal(12, (int)listed[1]!["users"]!);
    }

    [Fact]
    public async Task A_token_of_one_tenant_does_not_reach_the_users_of_another()
    {
        var fabrikamUser = (await _f.UsersAsync(_f.Fabrikam))[0].Id!;
        var contoso = _f.Admin(_f.Contoso);
        // Graph serves a request in the token's tenant: there the other tenant's user does not exist.
        var read = await Assert.ThrowsAsync<ODataError>(() => contoso.Users[fabrikamUser].Presence.GetAsync());
        Assert.Equal(404, read.ResponseStatusCode);
        var user = await Assert.ThrowsAsync<ODataError>(() => contoso.Users[fabrikamUser].GetAsync());
        Assert.Equal(404, user.ResponseStatusCode);
        var write = await Assert.ThrowsAsync<ODataError>(() => contoso.Users[fabrikamUser].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = _f.Contoso.ClientId, Availability = "Busy", Activity = "InACall",
        }));
        Assert.Equal(404, write.ResponseStatusCode);
        var many = await contoso.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = new() { fabrikamUser } });
        Assert.Empty(many!.Value!);
        Assert.Equal("Offline", (await _f.FabrikamControl.InspectAsync(fabrikamUser))["availability"]!.ToString());
    }

    [Fact]
    public async Task An_app_of_one_tenant_gets_no_token_from_another()
    {
        // Contoso's admin app asking Fabrikam's authority: AADSTS700016, the app is not in that directory.
        var credential = EmulatorGraph.SecretCredential(_f.Contoso, tenantId: _f.Fabrikam.TenantId);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await credential.GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default));
        Assert.True(e.ToString().Contains("AADSTS700016"), e.ToString());
        var unknown = EmulatorGraph.SecretCredential(_f.Contoso, tenantId: Guid.NewGuid().ToString());
        var e2 = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await unknown.GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default));
        Assert.True(e2.ToString().Contains("AADSTS90002"), e2.ToString());
    }

    [Fact]
    public async Task The_presence_budget_is_per_app_per_tenant_and_so_are_the_statistics()
    {
        await _f.ContosoControl.AdvanceAsync(TimeSpan.FromSeconds(31));
        await _f.ContosoControl.ResetStatsAsync();
        await _f.FabrikamControl.ResetStatsAsync();
        var contosoUser = (await _f.UsersAsync(_f.Contoso))[1].Id!;
        var fabrikamUser = (await _f.UsersAsync(_f.Fabrikam))[1].Id!;
        var contoso = _f.Admin(_f.Contoso);
        for (var i = 0; i < 5; i++) await contoso.Users[contosoUser].Presence.GetAsync();
        var spent = await Assert.ThrowsAsync<ODataError>(() => contoso.Users[contosoUser].Presence.GetAsync());
        Assert.Equal(429, spent.ResponseStatusCode);
        // Fabrikam's app has a budget of its own in its own tenant.
        for (var i = 0; i < 5; i++) await _f.Admin(_f.Fabrikam).Users[fabrikamUser].Presence.GetAsync();

        var contosoStats = await _f.ContosoControl.StatsAsync(s => (long?)s["byEndpoint"]?["GET /users/{id}/presence"] >= 6);
        var fabrikamStats = await _f.FabrikamControl.StatsAsync(s => (long?)s["byEndpoint"]?["GET /users/{id}/presence"] >= 5);
        Assert.Equal(6, (long)contosoStats["byEndpoint"]!["GET /users/{id}/presence"]!);
        Assert.Equal(1, (long)contosoStats["throttled"]!);
        Assert.Equal(5, (long)fabrikamStats["byEndpoint"]!["GET /users/{id}/presence"]!);
        Assert.Equal(0, (long)fabrikamStats["throttled"]!);
    }

    [Fact]
    public async Task Each_tenants_control_api_drives_its_own_teams_users()
    {
        await _f.FabrikamControl.AdvanceAsync(TimeSpan.FromSeconds(31));
        var fabrikamUser = (await _f.UsersAsync(_f.Fabrikam))[2].Id!;
        await _f.FabrikamControl.SetDeviceAsync(fabrikamUser, "desktop", "Busy", "InAMeeting");
        var p = await _f.Admin(_f.Fabrikam).Users[fabrikamUser].Presence.GetAsync();
        Assert.Equal(("Busy", "InAMeeting"), (p!.Availability, p.Activity));
        // The first tenant's control API does not know the other tenant's users.
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.ContosoControl.SetDeviceAsync(fabrikamUser, "desktop", "Away", "Away"));
        Assert.Contains("404", e.Message);
    }

    [Fact]
    public async Task Tenants_that_would_be_indistinguishable_are_refused_at_start()
    {
        var same = new EmulatorOptions { UserCount = 1, AdditionalTenants = { new TenantOptions { DomainName = "contoso.test", UserCount = 1 } } };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => GraphEmulator.StartAsync(same));
        Assert.Contains("domain", e.Message);
        var clientId = Guid.NewGuid().ToString();
        var sameApp = new EmulatorOptions { UserCount = 1, ClientId = clientId, AdditionalTenants = { new TenantOptions { DomainName = "other.test", ClientId = clientId } } };
        Assert.Contains("client id", (await Assert.ThrowsAsync<ArgumentException>(() => GraphEmulator.StartAsync(sameApp))).Message);
    }
}
