using Microsoft.Graph;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Tenants;

/// <summary>One emulator hosting contoso.test (30 users) and fabrikam.test (12 users), each with a budget of 5 presence requests per 30 s.</summary>
public sealed class TwoTenantFixture : IAsyncLifetime
{
    public GraphEmulator Emulator { get; private set; } = null!;
    public EmulatorConnection Contoso => Emulator.Tenants[0].Connection;
    public EmulatorConnection Fabrikam => Emulator.Tenants[1].Connection;
    public ControlClient ContosoControl { get; private set; } = null!;
    public ControlClient FabrikamControl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions
        {
            UserCount = 30, ClockRunsInRealTime = false, PresenceBudgetPerWindow = 5, DeviceCodeIntervalSeconds = 1,
            AdditionalTenants = { new TenantOptions { DomainName = "fabrikam.test", UserCount = 12 } },
        };
        Emulator = await GraphEmulator.StartAsync(options);
        ContosoControl = new ControlClient(Contoso);
        FabrikamControl = new ControlClient(Fabrikam);
    }

    public GraphServiceClient Admin(EmulatorConnection c) => EmulatorGraph.AdminClient(c, maxRetry: 0);

    public async Task<List<Microsoft.Graph.Models.User>> UsersAsync(EmulatorConnection c) =>
        (await Admin(c).Users.GetAsync(r => r.QueryParameters.Top = 999))!.Value!;

    public async Task DisposeAsync()
    {
        ContosoControl.Dispose();
        FabrikamControl.Dispose();
        await Emulator.DisposeAsync();
    }
}
