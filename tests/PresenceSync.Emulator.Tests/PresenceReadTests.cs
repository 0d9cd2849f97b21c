using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>graph-presence.md, "Reading presence".</summary>
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
        Assert.NotNull(p.StatusMessage.PublishedDateTime);
        Assert.Matches("^[0-9A-F]{16}$", p.SequenceNumber);
        Assert.True(p.AdditionalData.ContainsKey("workLocation"));
    }

    [Theory]
    [Trait("Fact", "Teams state to Graph (availability / activity)")]
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
    [Trait("Fact", "read: delegated Presence.Read.All")]
    public async Task Delegated_token_with_Presence_Read_All_reads_presence()
    {
        var user = _f.User(9);
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(1).UserPrincipalName!));
        var p = await client.Users[user.Id].Presence.GetAsync();
        Assert.Equal(user.Id, p!.Id);
    }
}
