using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Reading presence".</summary>
public class PresenceReadTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public PresenceReadTests(EmulatorFixture f) => _f = f;

    [Fact]
    [Trait("Fact", "single user: GET /users/{id}/presence or GET /communications/presences/{id}; {id} is the user's object id (GUID), not the UPN")]
    public async Task Single_user_is_read_by_object_id_on_both_paths_and_not_by_upn()
    {
        var user = _f.User(4);
        await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Busy", "InAMeeting");
        var admin = _f.Admin;
        var a = await admin.Users[user.Id].Presence.GetAsync();
        var b = await admin.Communications.Presences[user.Id].GetAsync();
        Assert.Equal(("Busy", "InAMeeting"), (a!.Availability, a.Activity));
        Assert.Equal(a.SequenceNumber, b!.SequenceNumber);
        var e = await Assert.ThrowsAsync<ODataError>(() => admin.Communications.Presences[user.UserPrincipalName].GetAsync());
        Assert.Equal(400, e.ResponseStatusCode);
        var e2 = await Assert.ThrowsAsync<ODataError>(() => admin.Users[user.UserPrincipalName].Presence.GetAsync());
        Assert.Equal(400, e2.ResponseStatusCode);
        var missing = await Assert.ThrowsAsync<ODataError>(() => admin.Users[Guid.NewGuid().ToString()].Presence.GetAsync());
        Assert.Equal(404, missing.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "many users: POST /communications/getPresencesByUserId with body {\"ids\":[...]}; at most 650 ids per request (more gives 400); answer {\"value\":[presence,...]}")]
    public async Task GetPresencesByUserId_accepts_650_ids_and_rejects_651()
    {
        var known = _f.Users.Select(u => u.Id!).ToList();
        var ids = known.Concat(Enumerable.Range(0, 650 - known.Count).Select(_ => Guid.NewGuid().ToString())).ToList();
        var answer = await _f.Admin.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = ids });
        Assert.Equal(known.Count, answer!.Value!.Count);
        Assert.Equal(known, answer.Value.Select(p => p.Id));
        ids.Add(Guid.NewGuid().ToString());
        var e = await Assert.ThrowsAsync<ODataError>(() =>
            _f.Admin.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = ids }));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "presence resource: id, availability, activity, statusMessage, outOfOfficeSettings, sequenceNumber, workLocation")]
    public async Task Presence_resource_carries_every_documented_field()
    {
        var user = _f.User(5);
        await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Available", "Available");
        await _f.Control.SendAsync(HttpMethod.Put, $"/users/{user.Id}/outOfOffice", new { isOutOfOffice = true, message = "On leave" });
        await _f.Admin.Users[user.Id].Presence.SetStatusMessage.PostAsync(new Microsoft.Graph.Users.Item.Presence.SetStatusMessage.SetStatusMessagePostRequestBody
        {
            StatusMessage = new Microsoft.Graph.Models.PresenceStatusMessage
            {
                Message = new Microsoft.Graph.Models.ItemBody { Content = "Back Monday", ContentType = Microsoft.Graph.Models.BodyType.Text },
            },
        });
        var p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(user.Id, p!.Id);
        Assert.Equal("Available", p.Availability);
        Assert.Equal("OutOfOffice", p.Activity);
        Assert.True(p.OutOfOfficeSettings!.IsOutOfOffice);
        Assert.Equal("On leave", p.OutOfOfficeSettings.Message);
        Assert.Equal("Back Monday", p.StatusMessage!.Message!.Content);
        // An app reads "another user": Graph leaves out publishedDateTime and expiryDateTime (Learn: presencestatusmessage).
        Assert.Null(p.StatusMessage.PublishedDateTime);
        Assert.Matches("^[0-9A-F]{16}$", p.SequenceNumber);
        // workLocation (Graph type userWorkLocation) is not modelled by SDK 5.92: it lands in AdditionalData.
        // With no work-location signal Graph shows workLocationType unspecified, source none.
        Assert.Equal(("unspecified", "none"), WorkLocation(p));

        await _f.Control.SetWorkLocationAsync(user.Id!, "office", "manual");
        var q = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(("office", "manual"), WorkLocation(q!));
        Assert.True(string.CompareOrdinal(q!.SequenceNumber, p.SequenceNumber) > 0);
    }

    private static (string?, string?) WorkLocation(Microsoft.Graph.Models.Presence p)
    {
        var fields = ((UntypedObject)p.AdditionalData["workLocation"]).GetValue();
        return (((UntypedString)fields["workLocationType"]).GetValue(), ((UntypedString)fields["source"]).GetValue());
    }

    [Fact]
    [Trait("Fact", "GET shows only the aggregate: nothing says which layer produced it")]
    public async Task Presence_shows_the_aggregate_and_nothing_about_its_layers()
    {
        var user = _f.User(10);
        await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Busy", "InAMeeting");
        await _f.Control.SetDeviceAsync(user.Id!, "mobile", "Available", "Available");
        await _f.Control.SetPreferredAsync(user.Id!, "DoNotDisturb", "DoNotDisturb");
        var p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(("DoNotDisturb", "DoNotDisturb"), (p!.Availability, p.Activity));
        Assert.All(p.AdditionalData.Keys, k => Assert.Contains(k, new[] { "workLocation", "@odata.context" }));
    }

    [Fact]
    [Trait("Fact", "availability values: Available, AvailableIdle, Away, BeRightBack, Busy, BusyIdle, DoNotDisturb, Offline, PresenceUnknown")]
    [Trait("Fact", "activity values: Available, Away, BeRightBack, Busy, DoNotDisturb, InACall, InAConferenceCall, Inactive, InAMeeting, Offline, OffWork, OutOfOffice, PresenceUnknown, Presenting, UrgentInterruptionsOnly")]
    public async Task Every_documented_value_reaches_the_sdk_unchanged()
    {
        var user = _f.User(11);
        foreach (var availability in new[] { "Available", "AvailableIdle", "Away", "BeRightBack", "Busy", "BusyIdle", "DoNotDisturb", "Offline", "PresenceUnknown" })
        {
            await _f.Control.SetDeviceAsync(user.Id!, "desktop", availability, "Available");
            Assert.Equal(availability, (await _f.Admin.Users[user.Id].Presence.GetAsync())!.Availability);
        }
        foreach (var activity in new[] { "Available", "Away", "BeRightBack", "Busy", "DoNotDisturb", "InACall", "InAConferenceCall", "Inactive",
                     "InAMeeting", "Offline", "OffWork", "OutOfOffice", "PresenceUnknown", "Presenting", "UrgentInterruptionsOnly" })
        {
            await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Busy", activity);
            Assert.Equal(activity, (await _f.Admin.Users[user.Id].Presence.GetAsync())!.Activity);
        }
    }

    [Fact]
    [Trait("Fact", "open sets: the docs are inconsistent and new values appear (Focusing, AvailableInactive): parse both fields as case-insensitive open strings; never fail on an unknown value")]
    public async Task Undocumented_values_reach_the_sdk_as_plain_strings()
    {
        var user = _f.User(12);
        foreach (var (availability, activity) in new[] { ("DoNotDisturb", "Focusing"), ("Available", "AvailableInactive"), ("SomethingNew", "alsoNew") })
        {
            await _f.Control.SetDeviceAsync(user.Id!, "web", availability, activity);
            var p = await _f.Admin.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = new() { user.Id! } });
            Assert.Equal((availability, activity), (p!.Value![0].Availability, p.Value[0].Activity));
        }
    }

    [Fact]
    [Trait("Fact", "Out of office = outOfOfficeSettings.isOutOfOffice (activity OutOfOffice)")]
    public async Task Out_of_office_shows_in_the_settings_and_as_activity()
    {
        var user = _f.User(13);
        await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Available", "Available");
        await _f.Control.SendAsync(HttpMethod.Put, $"/users/{user.Id}/outOfOffice", new { isOutOfOffice = true, message = "Away until Monday" });
        var p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(("Available", "OutOfOffice"), (p!.Availability, p.Activity));
        Assert.True(p.OutOfOfficeSettings!.IsOutOfOffice);
        Assert.Equal("Away until Monday", p.OutOfOfficeSettings.Message);
        await _f.Control.SendAsync(HttpMethod.Put, $"/users/{user.Id}/outOfOffice", new { isOutOfOffice = false });
        p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(("Available", "Available"), (p!.Availability, p.Activity));
        Assert.False(p.OutOfOfficeSettings!.IsOutOfOffice);
    }

    [Theory]
    [Trait("Fact", "Teams state to Graph (availability / activity)")]
    [InlineData("Available", "Available")]
    [InlineData("Busy", "Busy")]
    [InlineData("DoNotDisturb", "DoNotDisturb")]
    [InlineData("DoNotDisturb", "Focusing")]
    [InlineData("Busy", "InACall")]
    [InlineData("Busy", "InAConferenceCall")]
    [InlineData("Busy", "InAMeeting")]
    [InlineData("DoNotDisturb", "Presenting")]
    [InlineData("BeRightBack", "BeRightBack")]
    [InlineData("Away", "Away")]
    public async Task Teams_client_states_show_as_documented_pairs(string availability, string activity)
    {
        var user = _f.User(6);
        await _f.Control.SignOutAsync(user.Id!);
        await _f.Control.SetDeviceAsync(user.Id!, "web", availability, activity);
        var p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal((availability, activity), (p!.Availability, p.Activity));
    }

    [Fact]
    [Trait("Fact", "Appear offline = Offline/OffWork")]
    public async Task Appear_offline_is_Offline_OffWork()
    {
        var user = _f.User(8);
        await _f.Control.SetDeviceAsync(user.Id!, "desktop", "Available", "Available");
        await _f.Control.SetPreferredAsync(user.Id!, "Offline", "OffWork");
        var p = await _f.Admin.Users[user.Id].Presence.GetAsync();
        Assert.Equal(("Offline", "OffWork"), (p!.Availability, p.Activity));
    }

    [Fact]
    [Trait("Fact", "permissions read: delegated Presence.Read.All")]
    public async Task Delegated_token_with_Presence_Read_All_reads_presence()
    {
        var user = _f.User(9);
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(1).UserPrincipalName!));
        var p = await client.Users[user.Id].Presence.GetAsync();
        Assert.Equal(user.Id, p!.Id);
    }
}
