using Azure.Core;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

public class ShortTokenFixture : EmulatorFixture
{
    protected override EmulatorOptions Options()
    {
        var o = base.Options();
        // Under MSAL's 5-minute refresh margin, so every GetToken redeems the refresh token.
        o.TokenLifetime = TimeSpan.FromMinutes(4);
        return o;
    }
}
