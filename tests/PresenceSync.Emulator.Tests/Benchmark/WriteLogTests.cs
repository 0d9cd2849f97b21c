using System.Text.Json.Nodes;
using Microsoft.Graph.Users.Item.Presence.ClearPresence;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Benchmark;

/// <summary>
/// What a benchmark in another process reads back: every presence write with the real time the
/// emulator applied it (GET /writes?since=), paged by sequence number.
/// </summary>
public class WriteLogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public WriteLogTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task Each_write_is_logged_with_the_time_it_was_applied_and_pages_by_sequence_number()
    {
        var start = (long)(await _f.Control.GetAsync("/writes?since=0&limit=1"))["last"]!;
        var before = DateTimeOffset.UtcNow;
        var admin = _f.AdminNoRetry;
        var user = _f.User(22).Id!;
        await admin.Users[user].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = _f.Connection.ClientId, Availability = "Busy", Activity = "InACall", ExpirationDuration = TimeSpan.FromHours(1),
        });
        await admin.Users[user].Presence.ClearPresence.PostAsync(new ClearPresencePostRequestBody { SessionId = _f.Connection.ClientId });
        // A refused write is logged with its status too.
        await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() =>
            admin.Users[user].Presence.ClearPresence.PostAsync(new ClearPresencePostRequestBody { SessionId = _f.Connection.ClientId }));
        var after = DateTimeOffset.UtcNow;

        var page = await _f.Control.GetAsync($"/writes?since={start}&limit=2");
        var first = page["value"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(2, first.Count);
        Assert.Equal(("setPresence", 200, "Busy", "InACall"), ((string)first[0]["operation"]!, (int)first[0]["status"]!, (string?)first[0]["availability"], (string?)first[0]["activity"]));
        Assert.Equal(("clearPresence", 200), ((string)first[1]["operation"]!, (int)first[1]["status"]!));
        Assert.Equal(user, (string)first[0]["userId"]!);
        Assert.Equal(_f.Connection.ClientId, (string)first[0]["appId"]!);
        var applied = DateTimeOffset.Parse((string)first[0]["appliedAt"]!);
        Assert.InRange(applied, before.AddMilliseconds(-50), after.AddMilliseconds(50));
        Assert.True((long)first[1]["sequence"]! > (long)first[0]["sequence"]!);

        var rest = await _f.Control.GetAsync($"/writes?since={page["next"]}");
        var third = rest["value"]!.AsArray().Single()!.AsObject();
        Assert.Equal(("clearPresence", 404), ((string)third["operation"]!, (int)third["status"]!));
        Assert.Equal((long)third["sequence"]!, (long)rest["last"]!);
    }
}
