using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Hosting;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Presence;
using PresenceSync.Emulator.Simulation;
using PresenceSync.Emulator.Subscriptions;

namespace PresenceSync.Emulator;

/// <summary>
/// A running Microsoft Graph presence emulator on https://127.0.0.1:PORT. Start it in process with
/// <see cref="StartAsync"/> (tests, quickstart host) or standalone with `dotnet run`.
/// </summary>
public sealed class GraphEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Timer? _ticker;
    private readonly X509Certificate2 _certificate;

    private GraphEmulator(WebApplication app, EmulatorState state, EmulatorConnection connection, X509Certificate2 certificate, SimulationDriver driver)
    {
        _app = app;
        State = state;
        Connection = connection;
        _certificate = certificate;
        Simulation = driver;
        state.Clock.Changed += _ => OnClockChanged();
        // With a real-time clock, fades and expiries happen without any request: re-evaluate each second.
        if (state.Clock.RunsInRealTime) _ticker = new Timer(_ => OnClockChanged(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public EmulatorConnection Connection { get; }
    public EmulatorState State { get; }
    public EmulatorClock Clock => State.Clock;
    public SimulationDriver Simulation { get; }
    /// <summary>The TLS certificate (public part is at Connection.CertificatePath).</summary>
    public X509Certificate2 Certificate => _certificate;

    public static async Task<GraphEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        var start = options.StartTime ?? DateTimeOffset.UtcNow;
        var clock = new EmulatorClock(start, options.ClockRunsInRealTime);
        var tenantId = options.TenantId is { } t ? Guid.Parse(t) : DirectoryStore.DeterministicGuid("tenant:" + options.DomainName);
        var directory = new DirectoryStore(tenantId, options.DomainName);
        var state = new EmulatorState(options, clock, directory);
        var seededPresence = options.SeedFile is { } seed
            ? UserSeeder.SeedFromFile(directory, seed, start)
            : new List<(Guid, System.Text.Json.Nodes.JsonObject)>();
        if (options.SeedFile is null) UserSeeder.SeedFromCount(directory, options.UserCount, start);
        state.AdminApp = AdminAppRegistrar.Register(directory, options, start);

        var certificate = CertificateFactory.CreateTlsCertificate();
        var certificatePath = CertificateFactory.WritePublicPem(certificate, options.CertificateDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            // An emulator bug must be visible, not hidden behind a bare 500.
            try { await next(ctx); }
            catch (Exception e) when (!ctx.RequestAborted.IsCancellationRequested)
            {
                Console.Error.WriteLine($"[emulator] {ctx.Request.Method} {ctx.Request.Path}: {e}");
                if (!ctx.Response.HasStarted) { ctx.Response.StatusCode = 500; await ctx.Response.WriteAsync(e.Message); }
            }
        });
        app.UseRouting();
        var gateway = new GraphGateway(state);
        app.Use(gateway.InvokeAsync);
        TokenEndpoints.Map(app, state);
        ManagedIdentityEndpoint.Map(app, state);
        UserEndpoints.Map(app, state);
        ApplicationEndpoints.Map(app, state);
        ServicePrincipalEndpoints.Map(app, state);
        PresenceReadEndpoints.Map(app, state);
        PresenceWriteEndpoints.Map(app, state);
        BatchEndpoint.Map(app, state);
        SubscriptionEndpoints.Map(app, state);
        var driver = new SimulationDriver(state);
        ControlEndpoints.Map(app, state, driver);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1")).Port;
        state.BaseUrl = $"https://127.0.0.1:{port}";
        state.SelfClient = TrustingClient(certificate.Thumbprint, TimeSpan.FromSeconds(100));
        state.Notifier = new Notifier(state, new HttpClient(new SocketsHttpHandler
        {
            // Notification receivers are loopback test hosts with their own self-signed certificates.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }));
        SeedPresence.Apply(state, seededPresence);

        var connection = new EmulatorConnection
        {
            GraphBaseUrl = $"{state.BaseUrl}/v1.0",
            AuthorityHost = $"{state.BaseUrl}/",
            TenantId = tenantId.ToString(),
            DomainName = options.DomainName,
            CertificatePath = certificatePath,
            CertificateThumbprint = certificate.Thumbprint,
            ClientId = state.AdminApp.AppId.ToString(),
            ClientSecret = state.AdminApp.PasswordCredentials[0].SecretText,
            ControlUrl = $"{state.BaseUrl}/_emulator",
        };
        var emulator = new GraphEmulator(app, state, connection, certificate, driver);
        if (options.SimulationRate > 0) driver.Start(options.SimulationRate, options.SimulationSeed);
        return emulator;
    }

    /// <summary>An HttpClient that trusts exactly the certificate with this thumbprint (pinning).</summary>
    public static HttpClient TrustingClient(string thumbprint, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) =>
                cert is not null && string.Equals(cert.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase) },
        }) { Timeout = timeout };

    private void OnClockChanged()
    {
        State.Presence.EvaluateAll();
        State.Notifier.Poke();
    }

    public async ValueTask DisposeAsync()
    {
        _ticker?.Dispose();
        await Simulation.StopAsync();
        await State.Notifier.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        State.SelfClient.Dispose();
        _certificate.Dispose();
    }
}
