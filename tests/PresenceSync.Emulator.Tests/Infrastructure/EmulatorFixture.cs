using Microsoft.Graph;
using Microsoft.Graph.Models;
using PresenceSync.Emulator;
using Xunit;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>One emulator per test class: frozen clock (time moves only through Advance), 30 users.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public GraphEmulator Emulator { get; private set; } = null!;
    public EmulatorConnection Connection => Emulator.Connection;
    public ControlClient Control { get; private set; } = null!;
    /// <summary>
    /// A fresh admin client (new credential, so a token issued at the emulator's current time):
    /// after the clock was advanced past the token lifetime an old client gets 401, as in Graph.
    /// </summary>
    public GraphServiceClient Admin => EmulatorGraph.AdminClient(Connection);
    public GraphServiceClient AdminNoRetry => EmulatorGraph.AdminClient(Connection, maxRetry: 0);
    public List<User> Users { get; private set; } = new();

    protected virtual EmulatorOptions Options() => new()
    {
        UserCount = 30,
        ClockRunsInRealTime = false,
        AllowHttpNotificationUrl = true,
        DeviceCodeIntervalSeconds = 1,
        HandshakeTimeout = TimeSpan.FromSeconds(2),
        DeliveryTimeout = TimeSpan.FromSeconds(2),
    };

    public async Task InitializeAsync()
    {
        Emulator = await GraphEmulator.StartAsync(Options());
        Control = new ControlClient(Connection);
        var page = await Admin.Users.GetAsync(r => r.QueryParameters.Select = new[] { "id", "userPrincipalName", "accountEnabled", "mail", "proxyAddresses" });
        Users = page!.Value!;
    }

    /// <summary>An enabled seeded user (user0001 is enabled; every 7th is disabled).</summary>
    public User User(int number) => Users.Single(u => u.UserPrincipalName == $"user{number:0000}@contoso.test");

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Emulator.DisposeAsync();
    }
}
