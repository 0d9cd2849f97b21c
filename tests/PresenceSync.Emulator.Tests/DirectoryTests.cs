using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>Users: $select, $filter on the fields PresenceSync uses, $top paging, delta, POST.</summary>
public class DirectoryTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public DirectoryTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task Users_are_paged_with_top_and_nextLink()
    {
        var admin = _f.Admin;
        var first = await admin.Users.GetAsync(r => r.QueryParameters.Top = 7);
        Assert.Equal(7, first!.Value!.Count);
        Assert.NotNull(first.OdataNextLink);
        var all = new List<User>();
        var iterator = Microsoft.Graph.PageIterator<User, UserCollectionResponse>.CreatePageIterator(admin, first, u => { all.Add(u); return true; });
        await iterator.IterateAsync();
        var everyone = await admin.Users.GetAsync(r => r.QueryParameters.Top = 999);
        Assert.Equal(everyone!.Value!.Count, all.Select(u => u.Id).Distinct().Count());
        Assert.True(all.Count >= 30);
        var e = await Assert.ThrowsAsync<ODataError>(() => admin.Users.GetAsync(r => r.QueryParameters.Top = 1000));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    public async Task AccountEnabled_and_proxyAddresses_need_select_as_in_graph()
    {
        var plain = await _f.Admin.Users[_f.User(3).Id].GetAsync();
        Assert.Null(plain!.AccountEnabled);
        Assert.Equal("user0003@contoso.test", plain.Mail);
        var selected = await _f.Admin.Users[_f.User(3).Id].GetAsync(r => r.QueryParameters.Select = new[] { "accountEnabled", "proxyAddresses" });
        Assert.True(selected!.AccountEnabled);
        Assert.Contains("SMTP:user0003@contoso.test", selected.ProxyAddresses!);
        Assert.Contains("smtp:agent0003@contoso.test", selected.ProxyAddresses!);
    }

    [Theory]
    [InlineData("userPrincipalName eq 'USER0004@contoso.test'", 1)]
    [InlineData("mail eq 'user0005@contoso.test'", 1)]
    [InlineData("proxyAddresses/any(p:p eq 'smtp:agent0006@contoso.test')", 1)]
    [InlineData("accountEnabled eq false", 4)]
    [InlineData("startswith(userPrincipalName,'user001')", 10)]
    [InlineData("userPrincipalName in ('user0001@contoso.test','user0002@contoso.test')", 2)]
    [InlineData("accountEnabled eq true and startswith(displayName,'User 000')", 8)]
    public async Task Users_filter_on_the_fields_PresenceSync_uses(string filter, int expected)
    {
        var page = await _f.Admin.Users.GetAsync(r => r.QueryParameters.Filter = filter);
        Assert.Equal(expected, page!.Value!.Count);
    }

    [Fact]
    public async Task Advanced_operators_need_consistency_level_eventual()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users.GetAsync(r => r.QueryParameters.Filter = "mail ne null"));
        Assert.Equal("Request_UnsupportedQuery", e.Error!.Code);
        var page = await _f.Admin.Users.GetAsync(r =>
        {
            r.QueryParameters.Filter = "mail ne null";
            r.QueryParameters.Count = true;
            r.Headers.Add("ConsistencyLevel", "eventual");
        });
        var everyone = await _f.Admin.Users.GetAsync(r => r.QueryParameters.Top = 999);
        Assert.Equal(everyone!.Value!.Count(u => u.Mail is not null), page!.Value!.Count);
        Assert.Equal(page.Value.Count, (int)page.OdataCount!);
    }

    [Fact]
    public async Task Delta_returns_everything_then_only_changes()
    {
        var admin = _f.Admin;
        var page = await admin.Users.Delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Select = new[] { "id", "accountEnabled" });
        var count = page!.Value!.Count;
        while (page!.OdataNextLink is { } next)
        {
            page = await admin.Users.Delta.WithUrl(next).GetAsDeltaGetResponseAsync();
            count += page!.Value!.Count;
        }
        Assert.True(count >= 30);
        var deltaLink = page.OdataDeltaLink!;
        var created = await admin.Users.PostAsync(new User
        {
            AccountEnabled = true, DisplayName = "Delta Person", MailNickname = "delta", UserPrincipalName = "delta@contoso.test",
            PasswordProfile = new PasswordProfile { Password = "P@ssw0rd-123456" },
        });
        await admin.Users[_f.User(2).Id].PatchAsync(new User { AccountEnabled = false });
        var changes = await admin.Users.Delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync();
        Assert.Equal(new[] { _f.User(2).Id, created!.Id }.OrderBy(x => x), changes!.Value!.Select(u => u.Id).OrderBy(x => x));
        Assert.NotNull(changes.OdataDeltaLink);
        await admin.Users[_f.User(2).Id].PatchAsync(new User { AccountEnabled = true });
    }

    [Fact]
    public async Task Creating_a_user_checks_domain_and_uniqueness()
    {
        User New(string upn) => new()
        {
            AccountEnabled = true, DisplayName = "New", MailNickname = "new", UserPrincipalName = upn,
            PasswordProfile = new PasswordProfile { Password = "P@ssw0rd-123456" }, Mail = upn,
        };
        var created = await _f.Admin.Users.PostAsync(New("new.person@contoso.test"));
        Assert.True(Guid.TryParse(created!.Id, out _));
        var duplicate = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users.PostAsync(New("new.person@contoso.test")));
        Assert.Equal(400, duplicate.ResponseStatusCode);
        var foreign = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users.PostAsync(New("x@fabrikam.test")));
        Assert.Equal(400, foreign.ResponseStatusCode);
        var byUpn = await _f.Admin.Users["new.person@contoso.test"].GetAsync();
        Assert.Equal(created.Id, byUpn!.Id);
    }

    [Fact]
    public async Task Application_lifecycle_through_graph_grants_exactly_the_assigned_roles()
    {
        var (app, secret) = await AppRegistration.RegisterAsync(_f.Admin, "sync", new[] { "Presence.ReadWrite.All", "User.Read.All" });
        var sp = (await _f.Admin.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{app.AppId}'"))!.Value!.Single();
        var grants = await _f.Admin.ServicePrincipals[sp.Id].AppRoleAssignments.GetAsync();
        Assert.Equal(2, grants!.Value!.Count);
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret));
        await client.Users[_f.User(1).Id].Presence.SetPresence.PostAsync(new Microsoft.Graph.Users.Item.Presence.SetPresence.SetPresencePostRequestBody
        {
            SessionId = app.AppId, Availability = "Busy", Activity = "InACall",
        });
        var forbidden = await Assert.ThrowsAsync<ODataError>(() => client.Applications.GetAsync());
        Assert.Equal(403, forbidden.ResponseStatusCode);
        Assert.Equal("Authorization_RequestDenied", forbidden.Error!.Code);
        var fetched = await _f.Admin.ApplicationsWithAppId(app.AppId).GetAsync();
        Assert.Equal(app.Id, fetched!.Id);
        Assert.Single(fetched.PasswordCredentials!);
        Assert.Null(fetched.PasswordCredentials![0].SecretText);
    }
}
