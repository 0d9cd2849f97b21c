using Azure.Core;
using Microsoft.Graph;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// A tenant shaped like the Graph docs' examples, so that their requests run unchanged: the users
/// fa8bf3dc-…, 66825e03-… and dc74d9bb-… of the presence pages, the app 22553876-… that the
/// setPresence and clearPresence pages write with, and the users of the user-list examples.
/// </summary>
public class DocsFixture : IAsyncLifetime
{
    public const string AppId = "22553876-f5ab-4529-bffb-cfe50aa89f87";
    public const string Adele = "fa8bf3dc-eca7-46b7-bad1-db199b62afc3";
    public const string Alex = "66825e03-7ef5-42da-9069-724602c31f6b";
    public const string Megan = "dc74d9bb-6afe-433d-8eaa-e39d80d3a647";

    public GraphEmulator Emulator { get; private set; } = null!;
    public EmulatorConnection Connection => Emulator.Connection;
    public ControlClient Control { get; private set; } = null!;
    public DocsHttp Http { get; private set; } = null!;
    public GraphServiceClient Admin => EmulatorGraph.AdminClient(Connection, maxRetry: 0);
    private string? _seed;

    protected virtual void Configure(EmulatorOptions o) { }

    public async Task InitializeAsync()
    {
        _seed = Path.Combine(Path.GetTempPath(), $"docs-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_seed, $$$"""
            {"users":[
              {"id":"{{{Adele}}}","userPrincipalName":"AdeleV@contoso.com","displayName":"Adele Vance","presence":{"desktop":"Available/Available"}},
              {"id":"{{{Alex}}}","userPrincipalName":"AlexW@contoso.com","displayName":"Alex Wilber","presence":{"desktop":"DoNotDisturb/Presenting"}},
              {"id":"{{{Megan}}}","userPrincipalName":"MeganB@contoso.com","displayName":"Megan Bowen","presence":{"desktop":"Away/BeRightBack"}},
              {"id":"6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0","userPrincipalName":"Adams@contoso.com","displayName":"Conf Room Adams"},
              {"id":"4562bcc8-c436-4f95-b7c0-4f8ce89dca5e","userPrincipalName":"admin@contoso.com","displayName":"MOD Administrator","givenName":"MOD","surname":"Administrator","mail":null},
              {"userPrincipalName":"oscarward@contoso.com","displayName":"Oscar Ward"},
              {"userPrincipalName":"a@contoso.com","displayName":"a"},
              {"userPrincipalName":"ana@contoso.com","displayName":"Ana Adams","mail":"anaa@contoso.com"}
            ]}
            """);
        var options = new EmulatorOptions
        {
            SeedFile = _seed, DomainName = "contoso.com", ClientId = AppId, ClockRunsInRealTime = false,
            AllowHttpNotificationUrl = true, DeviceCodeIntervalSeconds = 1,
            HandshakeTimeout = TimeSpan.FromSeconds(2), DeliveryTimeout = TimeSpan.FromSeconds(2),
        };
        Configure(options);
        Emulator = await GraphEmulator.StartAsync(options);
        Control = new ControlClient(Connection);
        Http = new DocsHttp(Connection);
    }

    public Task<string> AppTokenAsync() => EmulatorGraph.AdminTokenAsync(Connection);

    /// <summary>A delegated token for the user (device code, approved through the control API), with the given scopes or all consented ones.</summary>
    public async Task<string> UserTokenAsync(string upn, params string[] scopes)
    {
        var credential = EmulatorGraph.DeviceCodeCredential(Connection, Control, upn);
        var requested = scopes.Length == 0 ? new[] { EmulatorGraph.GraphScope } : scopes.Select(s => "https://graph.microsoft.com/" + s).ToArray();
        return (await credential.GetTokenAsync(new TokenRequestContext(requested), default)).Token;
    }

    public GraphServiceClient Delegated(string upn) =>
        EmulatorGraph.Client(Connection, EmulatorGraph.DeviceCodeCredential(Connection, Control, upn), maxRetry: 0);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Control.Dispose();
        await Emulator.DisposeAsync();
        if (_seed is not null) File.Delete(_seed);
    }
}
