using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using Xunit;
using static PresenceSync.Emulator.Tests.Conformance.DocsFixture;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// The examples of learn.microsoft.com/graph/api/user-list, user-delta and graph/aad-advanced-queries
/// ("Error handling for advanced queries").
/// </summary>
public class UserDocs : IClassFixture<DocsFixture>
{
    private static readonly (string, string) Eventual = ("ConsistencyLevel", "eventual");
    private readonly DocsFixture _f;
    public UserDocs(DocsFixture f) => _f = f;

    private static string[] Names(DocsResponse r) => r.Json["value"]!.AsArray().Select(u => (string)u!["displayName"]!).ToArray();

    [Fact]
    [Trait("Docs", "user-list")]
    public async Task user_list_example_1_returns_the_default_property_set()
    {
        var r = await _f.Http.SendAsync("GET", "/users", await _f.AppTokenAsync());
        Assert.Equal(200, r.Status);
        Assert.EndsWith("/v1.0/$metadata#users", (string)r.Json["@odata.context"]!);
        var admin = r.Json["value"]!.AsArray().Single(u => (string?)u!["userPrincipalName"] == "admin@contoso.com")!.AsObject();
        Assert.Equal(new[] { "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName" },
            admin.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(("MOD Administrator", "MOD", "Administrator", "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e"),
            ((string)admin["displayName"]!, (string)admin["givenName"]!, (string)admin["surname"]!, (string)admin["id"]!));
        Assert.Null(admin["mail"]);
        Assert.Equal("[]", admin["businessPhones"]!.ToJsonString());
    }

    [Fact]
    [Trait("Docs", "user-list")]
    [Trait("Docs", "aad-advanced-queries")]
    public async Task user_list_example_3_counts_users_only_with_consistency_level_eventual()
    {
        var token = await _f.AppTokenAsync();
        var count = await _f.Http.SendAsync("GET", "/users/$count", token, null, null, Eventual);
        Assert.Equal(200, count.Status);
        Assert.Equal("text/plain", count.MediaType);
        Assert.Equal("8", count.Text);
        var refused = await _f.Http.SendAsync("GET", "/users/$count", token);
        Assert.Equal(400, refused.Status);
        Assert.Equal(("Request_BadRequest", "$count is not currently supported."), ((string)refused.Json["error"]!["code"]!, (string)refused.Json["error"]!["message"]!));
        // The SDK's own call for it.
        var viaSdk = await _f.Admin.Users.Count.GetAsync(r => r.Headers.Add("ConsistencyLevel", "eventual"));
        Assert.Equal(8, viaSdk);
        // "$count=true" without the header is silently ignored: no @odata.count.
        var ignored = await _f.Http.SendAsync("GET", "/users?$count=true", token);
        Assert.Equal(200, ignored.Status);
        Assert.False(ignored.Json.ContainsKey("@odata.count"));
    }

    [Fact]
    [Trait("Docs", "user-list")]
    [Trait("Docs", "aad-advanced-queries")]
    public async Task user_list_examples_4_and_5_filter_order_and_count_as_advanced_queries()
    {
        var token = await _f.AppTokenAsync();
        var four = await _f.Http.SendAsync("GET", "/users?$filter=startswith(displayName,'a')&$orderby=displayName&$count=true&$top=1", token, null, null, Eventual);
        Assert.Equal(200, four.Status);
        Assert.Equal(4, (int)four.Json["@odata.count"]!);
        Assert.Equal(new[] { "a" }, Names(four));
        Assert.NotNull(four.Json["@odata.nextLink"]);
        // $filter together with $orderby is an advanced query.
        Assert.Equal(400, (await _f.Http.SendAsync("GET", "/users?$filter=startswith(displayName,'a')&$orderby=displayName", token)).Status);

        var five = await _f.Http.SendAsync("GET", "/users?$filter=endswith(mail,'a@contoso.com')&$orderby=userPrincipalName&$count=true", token, null, null, Eventual);
        Assert.Equal(200, five.Status);
        Assert.Equal(new[] { "a@contoso.com", "ana@contoso.com" }, five.Json["value"]!.AsArray().Select(u => (string)u!["userPrincipalName"]!));
        // aad-advanced-queries: endsWith without the advanced query parameters.
        var refused = await _f.Http.SendAsync("GET", "/users?$filter=endswith(mail,'@outlook.com')", token);
        Assert.Equal(("Request_UnsupportedQuery", "Unsupported Query."), ((string)refused.Json["error"]!["code"]!, (string)refused.Json["error"]!["message"]!));
    }

    [Fact]
    [Trait("Docs", "user-list")]
    [Trait("Docs", "aad-advanced-queries")]
    public async Task user_list_examples_6_and_7_search_display_names()
    {
        var token = await _f.AppTokenAsync();
        var six = await _f.Http.SendAsync("GET", "/users?$search=\"displayName:wa\"&$orderby=displayName&$count=true", token, null, null, Eventual);
        Assert.Equal(200, six.Status);
        Assert.Equal(new[] { "Oscar Ward" }, Names(six));
        Assert.Equal(1, (int)six.Json["@odata.count"]!);
        var seven = await _f.Http.SendAsync("GET", "/users?$search=\"displayName:wa\" OR \"displayName:ad\"&$orderby=displayName&$count=true", token, null, null, Eventual);
        Assert.Equal(new[] { "Adele Vance", "Ana Adams", "Conf Room Adams", "MOD Administrator", "Oscar Ward" }, Names(seven));
        // "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
        var refused = await _f.Http.SendAsync("GET", "/users?$search=\"displayName:wa\"", token);
        Assert.Equal(400, refused.Status);
        Assert.Contains("ConsistencyLevel: eventual", (string)refused.Json["error"]!["message"]!);
    }

    [Fact]
    [Trait("Docs", "user-delta")]
    public async Task user_delta_examples_1_and_2_track_changes_in_rounds()
    {
        var token = await _f.AppTokenAsync();
        // Example 2: three selected properties; a page size small enough to see @odata.nextLink.
        var first = await _f.Http.SendAsync("GET", "/users/delta?$select=displayName,jobTitle,mobilePhone", token, null, null, ("Prefer", "odata.maxpagesize=5"));
        Assert.Equal(200, first.Status);
        var next = (string)first.Json["@odata.nextLink"]!;
        Assert.Contains("/v1.0/users/delta?", next);
        Assert.Contains("$skiptoken=", next);
        Assert.All(first.Json["value"]!.AsArray(), u => Assert.Equal(new[] { "displayName", "id", "jobTitle", "mobilePhone" }, u!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal)));
        var second = await _f.Http.SendAsync("GET", next[_f.Connection.GraphBaseUrl.Length..], token);
        var deltaLink = (string)second.Json["@odata.deltaLink"]!;
        Assert.Contains("$deltatoken=", deltaLink);
        Assert.Equal(8, first.Json["value"]!.AsArray().Count + second.Json["value"]!.AsArray().Count);

        // The next round returns only what changed: an update and a deletion ("@removed").
        await _f.Admin.Users["oscarward@contoso.com"].PatchAsync(new User { JobTitle = "Agent" });
        var removed = await _f.Admin.Users.PostAsync(new User
        {
            AccountEnabled = true, DisplayName = "Temp", MailNickname = "temp", UserPrincipalName = "temp@contoso.com",
            PasswordProfile = new PasswordProfile { Password = "x", ForceChangePasswordNextSignIn = true },
        });
        await _f.Admin.Users[removed!.Id].DeleteAsync();
        var changes = await _f.Http.SendAsync("GET", deltaLink[_f.Connection.GraphBaseUrl.Length..], token);
        var value = changes.Json["value"]!.AsArray().Select(u => u!.AsObject()).ToList();
        Assert.Contains(value, u => (string?)u["displayName"] == "Oscar Ward" && (string?)u["jobTitle"] == "Agent");
        Assert.Contains(value, u => (string?)u["id"] == removed.Id && (string?)u["@removed"]!["reason"] == "changed");
        Assert.NotNull(changes.Json["@odata.deltaLink"]);
    }

    [Fact]
    [Trait("Docs", "user-delta")]
    public async Task user_delta_filters_only_by_id()
    {
        var token = await _f.AppTokenAsync();
        var r = await _f.Http.SendAsync("GET", $"/users/delta?$filter=id eq '{Adele}' or id eq '{Alex}'", token);
        Assert.Equal(200, r.Status);
        Assert.Equal(new[] { Adele, Alex }.OrderBy(i => i), r.Json["value"]!.AsArray().Select(u => (string)u!["id"]!).OrderBy(i => i));
        Assert.Equal(400, (await _f.Http.SendAsync("GET", "/users/delta?$filter=displayName eq 'a'", token)).Status);
    }
}
