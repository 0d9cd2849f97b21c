using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.ClearPresence;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using Microsoft.Graph.Users.Item.Presence.SetUserPreferredPresence;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Writing presence".</summary>
public class PresenceWriteTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public PresenceWriteTests(EmulatorFixture f) => _f = f;

    private string AppId => _f.Connection.ClientId;

    private Task SetAsync(GraphServiceClient c, string userId, string availability, string activity, TimeSpan? duration = null) =>
        c.Users[userId].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = AppId, Availability = availability, Activity = activity, ExpirationDuration = duration,
        });

    private async Task<(string?, string?)> ReadAsync(string userId)
    {
        var p = await _f.Admin.Users[userId].Presence.GetAsync();
        return (p!.Availability, p.Activity);
    }

    [Theory]
    [Trait("Fact", "setPresence accepts only Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting")]
    [InlineData("Available", "Available", true)]
    [InlineData("Busy", "InACall", true)]
    [InlineData("Busy", "InAConferenceCall", true)]
    [InlineData("Away", "Away", true)]
    [InlineData("DoNotDisturb", "Presenting", true)]
    [InlineData("Busy", "Busy", false)]
    [InlineData("DoNotDisturb", "DoNotDisturb", false)]
    [InlineData("BeRightBack", "BeRightBack", false)]
    [InlineData("Busy", "InAMeeting", false)]
    [InlineData("Offline", "OffWork", false)]
    public async Task SetPresence_accepts_only_the_five_pairs(string availability, string activity, bool accepted)
    {
        var user = _f.User(10).Id!;
        if (accepted)
        {
            await SetAsync(_f.Admin, user, availability, activity);
            Assert.Equal((availability, activity), await ReadAsync(user));
        }
        else
        {
            var e = await Assert.ThrowsAsync<ODataError>(() => SetAsync(_f.Admin, user, availability, activity));
            Assert.Equal(400, e.ResponseStatusCode);
        }
    }

    [Fact]
    [Trait("Fact", "sessionId must be the app's client id")]
    public async Task SetPresence_with_a_foreign_session_id_is_400()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Users[_f.User(11).Id].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = Guid.NewGuid().ToString(), Availability = "Available", Activity = "Available",
        }));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Theory]
    [Trait("Fact", "expirationDuration ISO 8601, PT5M..PT4H, default PT5M, out of range gives 400")]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(240, true)]
    [InlineData(241, false)]
    public async Task SetPresence_expiration_must_be_between_PT5M_and_PT4H(int minutes, bool accepted)
    {
        var task = SetAsync(_f.Admin, _f.User(12).Id!, "Busy", "InACall", TimeSpan.FromMinutes(minutes));
        if (accepted) await task;
        else Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => task)).ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "an app session expires after expirationDuration (then it no longer counts); default PT5M")]
    public async Task Session_expires_after_its_duration_default_five_minutes()
    {
        var user = _f.User(13).Id!;
        await SetAsync(_f.Admin, user, "Busy", "InACall");
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Equal(("Busy", "InACall"), await ReadAsync(user));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(("Offline", "Offline"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "clearPresence: 404 when the app has no session for the user; with no other session the user becomes Offline")]
    public async Task ClearPresence_is_404_without_session_and_leaves_user_offline()
    {
        var user = _f.User(15).Id!;
        var clear = () => _f.Admin.Users[user].Presence.ClearPresence.PostAsync(new ClearPresencePostRequestBody { SessionId = AppId });
        Assert.Equal(404, (await Assert.ThrowsAsync<ODataError>(clear)).ResponseStatusCode);
        await SetAsync(_f.Admin, user, "DoNotDisturb", "Presenting", TimeSpan.FromHours(1));
        Assert.Equal(("DoNotDisturb", "Presenting"), await ReadAsync(user));
        await clear();
        Assert.Equal(("Offline", "Offline"), await ReadAsync(user));
    }

    [Theory]
    [Trait("Fact", "setUserPreferredPresence: Available/Available, Busy/Busy, DoNotDisturb/DoNotDisturb, BeRightBack/BeRightBack, Away/Away, Offline/OffWork")]
    [InlineData("Available", "Available", true)]
    [InlineData("Busy", "Busy", true)]
    [InlineData("DoNotDisturb", "DoNotDisturb", true)]
    [InlineData("BeRightBack", "BeRightBack", true)]
    [InlineData("Away", "Away", true)]
    [InlineData("Offline", "OffWork", true)]
    [InlineData("Busy", "InACall", false)]
    [InlineData("DoNotDisturb", "Presenting", false)]
    public async Task SetUserPreferredPresence_accepts_only_its_pairs(string availability, string activity, bool accepted)
    {
        var user = _f.User(16).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        var task = _f.Admin.Users[user].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = availability, Activity = activity });
        if (!accepted) { Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => task)).ResponseStatusCode); return; }
        await task;
        Assert.Equal((availability, activity), await ReadAsync(user));
        await _f.Admin.Users[user].Presence.ClearUserPreferredPresence.PostAsync();
        Assert.Equal(("Available", "Available"), await ReadAsync(user));
    }

    [Theory]
    [Trait("Fact", "preferred presence default expiry 1 day for Busy and DoNotDisturb, 7 days for the rest")]
    [Trait("Fact", "a status the user set by hand silently defeats the app until it expires (1 day for Busy/DND, 7 days otherwise) or the user resets it")]
    [InlineData("Busy", "Busy", 1)]
    [InlineData("DoNotDisturb", "DoNotDisturb", 1)]
    [InlineData("Away", "Away", 7)]
    [InlineData("BeRightBack", "BeRightBack", 7)]
    public async Task Preferred_presence_default_expiry(string availability, string activity, int days)
    {
        var user = _f.User(17).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        await _f.Admin.Users[user].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = availability, Activity = activity });
        await _f.Control.AdvanceAsync(TimeSpan.FromDays(days) - TimeSpan.FromMinutes(1));
        Assert.Equal((availability, activity), await ReadAsync(user));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(("Available", "Available"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "preferred presence shows only while at least one session exists")]
    public async Task Preferred_presence_needs_a_session_to_show()
    {
        var user = _f.User(18).Id!;
        await _f.Control.SignOutAsync(user);
        await _f.Admin.Users[user].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = "Busy", Activity = "Busy" });
        Assert.Equal(("Offline", "Offline"), await ReadAsync(user));
        await _f.Control.SetDeviceAsync(user, "mobile", "Away", "Away");
        Assert.Equal(("Busy", "Busy"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "setUserPreferredPresence: it is the same layer as the status a user picks in Teams")]
    [Trait("Fact", "clearUserPreferredPresence {}")]
    public async Task Preferred_presence_is_the_layer_the_user_sets_in_Teams()
    {
        var user = _f.User(27).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        await _f.Control.SetPreferredAsync(user, "DoNotDisturb", "DoNotDisturb"); // picked by hand in Teams
        await _f.Admin.Users[user].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody { Availability = "Away", Activity = "Away" });
        Assert.Equal(("Away", "Away"), await ReadAsync(user));
        Assert.Equal("Away", (string?)(await _f.Control.InspectAsync(user))["preferred"]!["availability"]);
        await _f.Control.SetPreferredAsync(user, "BeRightBack", "BeRightBack");
        // Clearing through Graph removes what the user picked by hand: there is only one preferred layer.
        await _f.Admin.Users[user].Presence.ClearUserPreferredPresence.PostAsync();
        Assert.Equal(("Available", "Available"), await ReadAsync(user));
        Assert.Null((await _f.Control.InspectAsync(user))["preferred"]);
    }

    [Fact]
    [Trait("Fact", "The user's preferred (manually chosen) presence beats all sessions")]
    [Trait("Fact", "a status the user set by hand silently defeats the app until it expires (1 day for Busy/DND, 7 days otherwise) or the user resets it")]
    public async Task Preferred_presence_silently_defeats_the_app()
    {
        var user = _f.User(19).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        await _f.Control.SetPreferredAsync(user, "Busy", "Busy");
        await SetAsync(_f.Admin, user, "Available", "Available");
        Assert.Equal(("Busy", "Busy"), await ReadAsync(user));
        await SetAsync(_f.Admin, user, "DoNotDisturb", "Presenting");
        Assert.Equal(("Busy", "Busy"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "every Teams client (desktop, mobile, web) and every app has its own session; the user's presence is an aggregate")]
    [Trait("Fact", "Among sessions: DoNotDisturb > Busy > Available > Away; an app can push a user up but never pull down from a meeting")]
    public async Task Sessions_aggregate_DoNotDisturb_over_Busy_over_Available_over_Away()
    {
        var user = _f.User(20).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Away", "Away");
        await SetAsync(_f.Admin, user, "Available", "Available");
        Assert.Equal(("Available", "Available"), await ReadAsync(user));
        await _f.Control.SetDeviceAsync(user, "mobile", "Busy", "InAMeeting");
        Assert.Equal(("Busy", "InAMeeting"), await ReadAsync(user));
        await SetAsync(_f.Admin, user, "Away", "Away");
        Assert.Equal(("Busy", "InAMeeting"), await ReadAsync(user));
        await SetAsync(_f.Admin, user, "DoNotDisturb", "Presenting");
        Assert.Equal(("DoNotDisturb", "Presenting"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "an Available session fades after 5 minutes without a refresh to Available/AvailableInactive and after 10 minutes to Away")]
    public async Task Available_session_fades_to_AvailableInactive_then_Away()
    {
        var user = _f.User(22).Id!;
        await SetAsync(_f.Admin, user, "Available", "Available", TimeSpan.FromHours(1));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(("Available", "AvailableInactive"), await ReadAsync(user));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(("Away", "Away"), await ReadAsync(user));
        await SetAsync(_f.Admin, user, "Available", "Available", TimeSpan.FromHours(1));
        Assert.Equal(("Available", "Available"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "Busy and DND sessions only need a refresh before their expiry (at most 4 hours)")]
    public async Task Busy_session_holds_until_expiry_without_refresh()
    {
        var user = _f.User(23).Id!;
        await SetAsync(_f.Admin, user, "Busy", "InACall", TimeSpan.FromHours(4));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(239));
        Assert.Equal(("Busy", "InACall"), await ReadAsync(user));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(("Offline", "Offline"), await ReadAsync(user));
    }

    [Fact]
    [Trait("Fact", "sequenceNumber (a lexicographically sortable version stamp: use it to drop out-of-order updates)")]
    public async Task SequenceNumber_increases_with_every_change()
    {
        var user = _f.User(24).Id!;
        var seen = new List<string>();
        foreach (var (a, act) in new[] { ("Available", "Available"), ("Busy", "InACall"), ("Away", "Away"), ("DoNotDisturb", "Presenting") })
        {
            await SetAsync(_f.Admin, user, a, act);
            seen.Add((await _f.Admin.Users[user].Presence.GetAsync())!.SequenceNumber!);
        }
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen, seen.OrderBy(x => x, StringComparer.Ordinal));
        var again = (await _f.Admin.Users[user].Presence.GetAsync())!.SequenceNumber;
        Assert.Equal(seen[^1], again);
    }

    [Fact]
    [Trait("Fact", "setStatusMessage: application permission works; expiryDateTime {dateTime, timeZone}")]
    public async Task Status_message_set_with_application_permission_expires()
    {
        var user = _f.User(25).Id!;
        var expiry = _f.Emulator.Clock.UtcNow.AddHours(1).UtcDateTime;
        await _f.Admin.Users[user].Presence.SetStatusMessage.PostAsync(new Microsoft.Graph.Users.Item.Presence.SetStatusMessage.SetStatusMessagePostRequestBody
        {
            StatusMessage = new Microsoft.Graph.Models.PresenceStatusMessage
            {
                Message = new Microsoft.Graph.Models.ItemBody { Content = "In the queue", ContentType = Microsoft.Graph.Models.BodyType.Text },
                ExpiryDateTime = new Microsoft.Graph.Models.DateTimeTimeZone { DateTime = expiry.ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "UTC" },
            },
        });
        Assert.Equal("In the queue", (await _f.Admin.Users[user].Presence.GetAsync())!.StatusMessage!.Message!.Content);
        await _f.Control.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Null((await _f.Admin.Users[user].Presence.GetAsync())!.StatusMessage);
    }

    [Fact]
    [Trait("Fact", "each setPresence or clearPresence is one request per user")]
    public async Task Writes_are_counted_per_user_in_the_statistics()
    {
        var user = _f.User(26).Id!;
        var before = _f.Emulator.State.Statistics.Writes(user);
        await SetAsync(_f.Admin, user, "Busy", "InACall");
        await _f.Admin.Users[user].Presence.ClearPresence.PostAsync(new ClearPresencePostRequestBody { SessionId = AppId });
        var stats = await _f.Control.StatsAsync();
        Assert.Equal(before + 2, (long)stats["writesByUser"]![user]!);
    }
}
