using Azure.Core;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>Default 60-minute tokens: moving the emulator clock past exp + 5 min skew makes Graph answer 401.</summary>
public class TokenExpiryTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public TokenExpiryTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task Expired_token_answers_401_InvalidAuthenticationToken()
    {
        var client = EmulatorGraph.AdminClient(_f.Connection);
        await client.Users[_f.User(1).Id].Presence.GetAsync();
        // Graph tolerates 5 minutes of clock skew past exp.
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(60 + 5 + 1));
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[_f.User(1).Id].Presence.GetAsync());
        Assert.Equal(401, e.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", e.Error!.Code);
    }

}
