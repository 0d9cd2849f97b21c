using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using Microsoft.Graph.Users.Item.Presence.SetUserPreferredPresence;
using Xunit;
using static PresenceSync.Emulator.Tests.Conformance.DocsFixture;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// The examples of learn.microsoft.com/graph/api/presence-setpresence, presence-clearpresence,
/// presence-setuserpreferredpresence, presence-clearuserpreferredpresence and
/// presence-setstatusmessage, sent as the pages write them (the app id 22553876-… is the fixture's).
/// </summary>
public class PresenceWriteDocs : IClassFixture<DocsFixture>
{
    private readonly DocsFixture _f;
    public PresenceWriteDocs(DocsFixture f) => _f = f;

    /// <summary>Back to no session at all: devices signed out, the app's session and the preferred presence cleared.</summary>
    private async Task ResetAsync(string user)
    {
        await _f.Control.SignOutAsync(user);
        await _f.Control.SendAsync(HttpMethod.Delete, $"/users/{user}/preferred");
        await _f.Http.SendAsync("POST", $"/users/{user}/presence/clearPresence", await _f.AppTokenAsync(), $$"""{"sessionId":"{{AppId}}"}""");
    }

    private async Task<string> Presence(string user) => $"{(await _f.Control.InspectAsync(user))["availability"]}/{(await _f.Control.InspectAsync(user))["activity"]}";

    [Fact]
    [Trait("Docs", "presence-setpresence")]
    public async Task presence_setpresence_example_sets_the_apps_session_for_an_hour()
    {
        await ResetAsync(Adele);
        var token = await _f.AppTokenAsync();
        var r = await _f.Http.SendAsync("POST", $"/users/{Adele}/presence/setPresence", token, $$"""
            {
              "sessionId": "{{AppId}}",
              "availability": "Available",
              "activity": "Available",
              "expirationDuration": "PT1H"
            }
            """);
        Assert.Equal(200, r.Status);
        Assert.Equal("Available/Available", await Presence(Adele));
        var session = (await _f.Control.InspectAsync(Adele))["sessions"]!.AsArray().Single()!;
        Assert.Equal(_f.Emulator.Clock.UtcNow.AddHours(1), DateTimeOffset.Parse((string)session["expiresAt"]!));
    }

    [Theory]
    [Trait("Docs", "presence-setpresence")]
    [InlineData("Available", "Available", 200)]
    [InlineData("Busy", "InACall", 200)]
    [InlineData("Busy", "InAConferenceCall", 200)]
    [InlineData("Away", "Away", 200)]
    [InlineData("DoNotDisturb", "Presenting", 200)]
    [InlineData("Busy", "Busy", 400)]
    [InlineData("DoNotDisturb", "DoNotDisturb", 400)]
    [InlineData("BeRightBack", "BeRightBack", 400)]
    public async Task presence_setpresence_accepts_only_the_supported_combinations(string availability, string activity, int status)
    {
        var body = new SetPresencePostRequestBody { SessionId = AppId, Availability = availability, Activity = activity };
        if (status == 200) await _f.Admin.Users[Megan].Presence.SetPresence.PostAsync(body);
        else Assert.Equal(status, (await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users[Megan].Presence.SetPresence.PostAsync(body))).ResponseStatusCode);
    }

    [Fact]
    [Trait("Docs", "presence-setpresence")]
    public async Task presence_setpresence_checks_the_duration_the_session_id_and_the_content_type()
    {
        var token = await _f.AppTokenAsync();
        string Body(string duration, string session = AppId) =>
            $$"""{"sessionId":"{{session}}","availability":"Busy","activity":"InACall","expirationDuration":"{{duration}}"}""";
        // "The valid duration range is 5-240 minutes (PT5M to PT4H)."
        Assert.Equal(200, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT5M"))).Status);
        Assert.Equal(200, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT4H"))).Status);
        Assert.Equal(400, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT4M"))).Status);
        Assert.Equal(400, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT4H1M"))).Status);
        // "Provide the ID of the application as sessionId in the request."
        Assert.Equal(400, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT5M", Guid.NewGuid().ToString()))).Status);
        // "Content-Type: application/json. Required."
        var bare = await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT5M"), contentType: null);
        Assert.Equal(400, bare.Status);
        Assert.Contains("Content-Type", (string)bare.Json["error"]!["message"]!);
        var form = await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", token, Body("PT5M"), contentType: "application/x-www-form-urlencoded");
        Assert.Equal(415, form.Status);
        // Delegated Presence.ReadWrite writes the signed-in user's presence, nobody else's.
        var delegated = await _f.UserTokenAsync("MeganB@contoso.com", "Presence.ReadWrite");
        Assert.Equal(200, (await _f.Http.SendAsync("POST", $"/users/{Megan}/presence/setPresence", delegated, Body("PT5M"))).Status);
        Assert.Equal(403, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/setPresence", delegated, Body("PT5M"))).Status);
    }

    [Fact]
    [Trait("Docs", "presence-clearpresence")]
    public async Task presence_clearpresence_example_clears_the_apps_session_and_404s_without_one()
    {
        var token = await _f.AppTokenAsync();
        await ResetAsync(Adele);
        await _f.Admin.Users[Adele].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody { SessionId = AppId, Availability = "Busy", Activity = "InACall" });
        var body = $$"""{"sessionId": "{{AppId}}"}""";
        Assert.Equal(200, (await _f.Http.SendAsync("POST", $"/users/{Adele}/presence/clearPresence", token, body)).Status);
        // "If it is the user's only presence session, the user's presence will change to Offline/Offline."
        Assert.Equal("Offline/Offline", await Presence(Adele));
        // "If the presence session doesn't exist, this method returns a 404 NotFound response code."
        Assert.Equal(404, (await _f.Http.SendAsync("POST", $"/users/{Adele}/presence/clearPresence", token, body)).Status);
    }

    [Fact]
    [Trait("Docs", "presence-setuserpreferredpresence")]
    public async Task presence_setuserpreferredpresence_example_sets_do_not_disturb_for_eight_hours_shown_only_with_a_session()
    {
        var token = await _f.AppTokenAsync();
        await ResetAsync(Megan);
        var r = await _f.Http.SendAsync("POST", $"/users/{Megan}/presence/setUserPreferredPresence", token, """
            {
              "availability": "DoNotDisturb",
              "activity": "DoNotDisturb",
              "expirationDuration": "PT8H"
            }
            """);
        Assert.Equal(200, r.Status);
        // "Preferred presence takes effect only when at least one presence session exists for the user. Otherwise, the user's presence shows as Offline."
        Assert.Equal("Offline/Offline", await Presence(Megan));
        await _f.Control.SetDeviceAsync(Megan, "desktop", "Available", "Available");
        Assert.Equal("DoNotDisturb/DoNotDisturb", await Presence(Megan));
        var preferred = (await _f.Control.InspectAsync(Megan))["preferred"]!;
        Assert.Equal(_f.Emulator.Clock.UtcNow.AddHours(8), DateTimeOffset.Parse((string)preferred["expiresAt"]!));
        // Default expiry: "DoNotDisturb or Busy: Expiration in 1 day; All others: Expiration in 7 days".
        await _f.Admin.Users[Megan].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = "Busy", Activity = "Busy" });
        Assert.Equal(_f.Emulator.Clock.UtcNow.AddDays(1), DateTimeOffset.Parse((string)(await _f.Control.InspectAsync(Megan))["preferred"]!["expiresAt"]!));
        await _f.Admin.Users[Megan].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = "Away", Activity = "Away" });
        Assert.Equal(_f.Emulator.Clock.UtcNow.AddDays(7), DateTimeOffset.Parse((string)(await _f.Control.InspectAsync(Megan))["preferred"]!["expiresAt"]!));
        Assert.Equal(400, (await _f.Http.SendAsync("POST", $"/users/{Megan}/presence/setUserPreferredPresence", token,
            """{"availability":"Busy","activity":"InACall"}""")).Status);
    }

    [Fact]
    [Trait("Docs", "presence-clearuserpreferredpresence")]
    public async Task presence_clearuserpreferredpresence_example_sends_no_body_at_all()
    {
        await ResetAsync(Alex);
        await _f.Control.SetDeviceAsync(Alex, "desktop", "Available", "Available");
        await _f.Control.SetPreferredAsync(Alex, "Busy", "Busy");
        // The page's example has neither a body nor a Content-Type; its text asks for an empty JSON object. Both work.
        var r = await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/clearUserPreferredPresence", await _f.AppTokenAsync(), json: null);
        Assert.Equal(200, r.Status);
        Assert.Equal("Available/Available", await Presence(Alex));
        Assert.Equal(200, (await _f.Http.SendAsync("POST", $"/users/{Alex}/presence/clearUserPreferredPresence", await _f.AppTokenAsync(), "{}")).Status);
        await _f.Admin.Users[Alex].Presence.ClearUserPreferredPresence.PostAsync();
    }

    [Fact]
    [Trait("Docs", "presence-setstatusmessage")]
    public async Task presence_setstatusmessage_examples_1_to_3()
    {
        var token = await _f.AppTokenAsync();
        // Example 1: with an expiry in Pacific Standard Time.
        var one = await _f.Http.SendAsync("POST", $"/users/{Adele}/presence/setStatusMessage", token, """
            {
              "statusMessage": {
                "message": {
                    "content": "Hey I'm currently in a meeting.",
                    "contentType": "text"
                },
                "expiryDateTime": {
                    "dateTime": "2099-10-18T17:05:33.2079781",
                    "timeZone": "Pacific Standard Time"
                }
              }
            }
            """);
        Assert.Equal(200, one.Status);
        var stored = (await _f.Control.InspectAsync(Adele))["statusMessage"]!;
        Assert.Equal("Hey I'm currently in a meeting.", (string?)stored["content"]);
        // 17:05 Pacific daylight time (October) is 00:05 UTC the next day.
        Assert.Equal(new DateTimeOffset(2099, 10, 19, 0, 5, 33, TimeSpan.Zero), DateTimeOffset.Parse((string)stored["expiryDateTime"]!).AddTicks(-2079781));
        // Example 2: without an expiry.
        var two = await _f.Http.SendAsync("POST", $"/users/{Adele}/presence/setStatusMessage", token,
            """{"statusMessage":{"message":{"content":"Hey I am available now","contentType":"text"}}}""");
        Assert.Equal(200, two.Status);
        // Example 3: read by someone else, "the statusMessage.expiryDateTime and statusMessage.publishedDateTime properties are not included".
        var three = await _f.Http.SendAsync("GET", $"/users/{Adele}/presence", await _f.UserTokenAsync("MeganB@contoso.com", "Presence.Read.All"));
        Assert.Equal(200, three.Status);
        Assert.Equal("""{"message":{"content":"Hey I am available now","contentType":"text"}}""", three.Json["statusMessage"]!.ToJsonString());
        Assert.Equal("""{"message":null,"isOutOfOffice":false}""", three.Json["outOfOfficeSettings"]!.ToJsonString());
    }
}
