using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;
using static PresenceSync.Emulator.Tests.Conformance.DocsFixture;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// The request and response examples of learn.microsoft.com/graph/api/presence-get,
/// cloudcommunications-getpresencesbyuserid and resources/presencestatusmessage, run against the
/// emulator. Each test is named after its page and carries [Trait("Docs", page)].
/// </summary>
public class PresenceReadDocs : IClassFixture<DocsFixture>
{
    private readonly DocsFixture _f;
    public PresenceReadDocs(DocsFixture f) => _f = f;

    [Fact]
    [Trait("Docs", "presence-get")]
    public async Task presence_get_example_1_reads_your_own_presence_with_a_delegated_token()
    {
        await _f.Control.SetDeviceAsync(Adele, "desktop", "Available", "Available");
        var token = await _f.UserTokenAsync("AdeleV@contoso.com", "Presence.Read");
        var r = await _f.Http.SendAsync("GET", "/me/presence", token);
        Assert.Equal(200, r.Status);
        Assert.Equal("application/json", r.MediaType);
        Assert.Equal((Adele, "Available", "Available"), ((string)r.Json["id"]!, (string)r.Json["availability"]!, (string)r.Json["activity"]!));
        // "You can't use application permissions to access APIs under the /me path."
        var app = await _f.Http.SendAsync("GET", "/me/presence", await _f.AppTokenAsync());
        Assert.Equal(400, app.Status);
    }

    [Fact]
    [Trait("Docs", "presence-get")]
    public async Task presence_get_example_2_reads_another_users_presence_by_object_id()
    {
        var p = await _f.Admin.Users[Alex].Presence.GetAsync();
        Assert.Equal((Alex, "DoNotDisturb", "Presenting"), (p!.Id, p.Availability, p.Activity));
        // "You must pass the user's ID": a UPN is refused.
        var upn = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users["AlexW@contoso.com"].Presence.GetAsync());
        Assert.Equal(400, upn.ResponseStatusCode);
    }

    [Fact]
    [Trait("Docs", "presence-get")]
    public async Task presence_get_example_3_reads_through_communications_presences()
    {
        // The page shows this answer wrapped in {"value":[...]}; a GET of one entity answers the entity (see the README's contradictions).
        var r = await _f.Http.SendAsync("GET", $"/communications/presences/{Megan}", await _f.AppTokenAsync());
        Assert.Equal(200, r.Status);
        Assert.Equal((Megan, "Away", "BeRightBack"), ((string)r.Json["id"]!, (string)r.Json["availability"]!, (string)r.Json["activity"]!));
    }

    [Fact]
    [Trait("Docs", "presence-get")]
    public async Task presence_get_permissions_app_needs_a_presence_role_and_delegated_Presence_Read_covers_only_yourself()
    {
        var (noPresence, secret) = await AppRegistration.RegisterAsync(_f.Admin, "directory only", new[] { "User.Read.All" });
        var directoryOnly = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, noPresence.AppId, secret), maxRetry: 0);
        var forbidden = await Assert.ThrowsAsync<ODataError>(() => directoryOnly.Users[Alex].Presence.GetAsync());
        Assert.Equal((403, "Forbidden"), (forbidden.ResponseStatusCode, forbidden.Error!.Code));
        foreach (var role in new[] { "Presence.Read.All", "Presence.ReadWrite.All" })
        {
            var (app, s) = await AppRegistration.RegisterAsync(_f.Admin, role, new[] { role });
            var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, s), maxRetry: 0);
            Assert.Equal(Alex, (await client.Users[Alex].Presence.GetAsync())!.Id);
        }
        var own = await _f.UserTokenAsync("MeganB@contoso.com", "Presence.Read");
        Assert.Equal(200, (await _f.Http.SendAsync("GET", $"/users/{Megan}/presence", own)).Status);
        Assert.Equal(403, (await _f.Http.SendAsync("GET", $"/users/{Alex}/presence", own)).Status);
        var all = await _f.UserTokenAsync("MeganB@contoso.com", "Presence.Read.All");
        Assert.Equal(200, (await _f.Http.SendAsync("GET", $"/users/{Alex}/presence", all)).Status);
    }

    [Fact]
    [Trait("Docs", "cloudcommunications-getpresencesbyuserid")]
    public async Task cloudcommunications_getpresencesbyuserid_example_reads_two_users_in_one_request()
    {
        await _f.Control.SetDeviceAsync(Adele, "desktop", "Busy", "InAMeeting");
        await _f.Control.SetDeviceAsync(Alex, "mobile", "Away", "Away");
        await _f.Control.SignOutAsync(Alex, "desktop");
        var r = await _f.Http.SendAsync("POST", "/communications/getPresencesByUserId", await _f.AppTokenAsync(),
            $$"""{"ids": ["{{Adele}}", "{{Alex}}"]}""");
        Assert.Equal(200, r.Status);
        var value = r.Json["value"]!.AsArray().Select(p => ((string)p!["id"]!, (string)p["availability"]!, (string)p["activity"]!)).ToList();
        Assert.Equal(new[] { (Adele, "Busy", "InAMeeting"), (Alex, "Away", "Away") }, value);
        // "Content-type: application/json. Required."
        var bare = await _f.Http.SendAsync("POST", "/communications/getPresencesByUserId", await _f.AppTokenAsync(), $$"""{"ids": ["{{Adele}}"]}""", contentType: null);
        Assert.Equal(400, bare.Status);
        // "Maximum of 650 user IDs are supported per API request."
        var ids = Enumerable.Range(0, 651).Select(_ => Guid.NewGuid().ToString()).ToList();
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = ids }));
        Assert.Equal(400, e.ResponseStatusCode);
        // Delegated: Presence.Read.All only.
        var own = await _f.UserTokenAsync("AdeleV@contoso.com", "Presence.Read");
        Assert.Equal(403, (await _f.Http.SendAsync("POST", "/communications/getPresencesByUserId", own, $$"""{"ids": ["{{Adele}}"]}""")).Status);
    }

    [Fact]
    [Trait("Docs", "presencestatusmessage")]
    public async Task presencestatusmessage_expiry_and_published_time_are_shown_only_to_the_user_themself()
    {
        await _f.Admin.Users[Megan].Presence.SetStatusMessage.PostAsync(new Microsoft.Graph.Users.Item.Presence.SetStatusMessage.SetStatusMessagePostRequestBody
        {
            StatusMessage = new Microsoft.Graph.Models.PresenceStatusMessage
            {
                Message = new Microsoft.Graph.Models.ItemBody { Content = "At the conference", ContentType = Microsoft.Graph.Models.BodyType.Text },
                ExpiryDateTime = new Microsoft.Graph.Models.DateTimeTimeZone { DateTime = _f.Emulator.Clock.UtcNow.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "UTC" },
            },
        });
        var other = await _f.Http.SendAsync("GET", $"/users/{Megan}/presence", await _f.AppTokenAsync());
        var shown = other.Json["statusMessage"]!.AsObject();
        Assert.Equal("At the conference", (string?)shown["message"]!["content"]);
        Assert.Equal("text", (string?)shown["message"]!["contentType"]);
        Assert.False(shown.ContainsKey("expiryDateTime"));
        Assert.False(shown.ContainsKey("publishedDateTime"));
        var self = await _f.Http.SendAsync("GET", "/me/presence", await _f.UserTokenAsync("MeganB@contoso.com", "Presence.Read"));
        Assert.NotNull(self.Json["statusMessage"]!["publishedDateTime"]);
        Assert.NotNull(self.Json["statusMessage"]!["expiryDateTime"]);
    }
}
