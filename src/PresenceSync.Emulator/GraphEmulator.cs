using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
/// A running Microsoft Graph presence emulator on https://127.0.0.1:PORT, hosting one or more
/// tenants behind one Graph endpoint and one identity endpoint, as Microsoft does. Start it in
/// process with <see cref="StartAsync"/> (tests, quickstart host) or standalone with `dotnet run`.
/// </summary>
public sealed class GraphEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Timer? _ticker;
    private readonly X509Certificate2 _certificate;
    private readonly HttpClient _outbound;

    private GraphEmulator(WebApplication app, IReadOnlyList<EmulatorTenant> tenants, X509Certificate2 certificate, HttpClient outbound)
    {
        _app = app;
        Tenants = tenants;
        _certificate = certificate;
        _outbound = outbound;
        Clock.Changed += _ => OnClockChanged();
        // With a real-time clock, fades and expiries happen without any request: re-evaluate each second.
        if (Clock.RunsInRealTime) _ticker = new Timer(_ => OnClockChanged(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The first tenant's connection; its <see cref="EmulatorConnection.Tenants"/> lists every tenant.</summary>
    public EmulatorConnection Connection => Tenants[0].Connection;
    /// <summary>The first tenant's state.</summary>
    public EmulatorState State => Tenants[0].State;
    public EmulatorClock Clock => State.Clock;
    /// <summary>The first tenant's simulated Teams users.</summary>
    public SimulationDriver Simulation => Tenants[0].Simulation;
    /// <summary>Every tenant, the first (the options' own) first, then <see cref="EmulatorOptions.AdditionalTenants"/> in order.</summary>
    public IReadOnlyList<EmulatorTenant> Tenants { get; }
    /// <summary>The TLS certificate (public part is at Connection.CertificatePath).</summary>
    public X509Certificate2 Certificate => _certificate;

    public static async Task<GraphEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        var start = options.StartTime ?? DateTimeOffset.UtcNow;
        var clock = new EmulatorClock(start, options.ClockRunsInRealTime);
        var built = TenantFactory.Build(options, clock, start);
        var states = built.Select(b => b.State).ToList();
        var registry = new TenantRegistry(states);
        var faults = registry.First.Faults;

        var certificate = CertificateFactory.CreateTlsCertificate();
        var certificatePath = CertificateFactory.WritePublicPem(certificate, options.CertificateDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, TenantMatcherPolicy>());
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l =>
        {
            // Before TLS, so that a stalled connection never even completes its handshake.
            l.Use(ConnectionStall.Middleware(faults));
            l.UseHttps(certificate);
        }));
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
        app.Use(new TenantResolver(registry).InvokeAsync);
        app.UseRouting();
        app.Use(new GraphGateway().InvokeAsync);
        app.Use(new IdentityFaultMiddleware(registry).InvokeAsync);
        TokenEndpoints.Map(app, registry);
        ManagedIdentityEndpoint.Map(app, registry);
        DeviceLoginPage.Map(app, registry);
        ControlEndpoints.MapTenantList(app, states);
        var drivers = new List<SimulationDriver>();
        foreach (var s in states)
        {
            // Each tenant maps its own copy of Graph; TenantMatcherPolicy picks the token's tenant.
            var graph = app.MapGroup("").WithMetadata(new TenantRoute(s.Directory.TenantId));
            UserEndpoints.Map(graph, s);
            ApplicationEndpoints.Map(graph, s);
            ServicePrincipalEndpoints.Map(graph, s);
            PresenceReadEndpoints.Map(graph, s);
            PresenceWriteEndpoints.Map(graph, s);
            BatchEndpoint.Map(graph, s);
            SubscriptionEndpoints.Map(graph, s);
            var driver = new SimulationDriver(s);
            drivers.Add(driver);
            ControlEndpoints.Map(app, $"/_emulator/tenants/{s.Directory.TenantId}", s, driver, tenantScoped: true);
        }
        ControlEndpoints.Map(app, "/_emulator", registry.First, drivers[0], tenantScoped: false);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1")).Port;
        var baseUrl = $"https://127.0.0.1:{port}";
        var self = ConnectionStall.SelfClient(certificate.Thumbprint);
        var outbound = new HttpClient(new SocketsHttpHandler
        {
            // Notification receivers are loopback test hosts with their own self-signed certificates.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
        foreach (var (s, i) in states.Select((s, i) => (s, i)))
        {
            s.BaseUrl = baseUrl;
            s.ControlUrl = i == 0 ? $"{baseUrl}/_emulator" : $"{baseUrl}/_emulator/tenants/{s.Directory.TenantId}";
            s.SelfClient = self;
            s.Notifier = new Notifier(s, outbound);
            SeedPresence.Apply(s, built[i].SeededPresence);
        }

        var connections = states.Select(s => new EmulatorConnection
        {
            GraphBaseUrl = $"{baseUrl}/v1.0",
            AuthorityHost = $"{baseUrl}/",
            TenantId = s.Directory.TenantId.ToString(),
            DomainName = s.Directory.DomainName,
            CertificatePath = certificatePath,
            CertificateThumbprint = certificate.Thumbprint,
            ClientId = s.AdminApp.AppId.ToString(),
            ClientSecret = s.AdminApp.PasswordCredentials[0].SecretText,
            ControlUrl = s.ControlUrl,
        }).ToList();
        connections[0] = connections[0] with { Tenants = connections.ToList() };
        var tenants = states.Select((s, i) => new EmulatorTenant(s, connections[i], drivers[i])).ToList();
        var emulator = new GraphEmulator(app, tenants, certificate, outbound);
        if (options.SimulationRate > 0) drivers[0].Start(options.SimulationRate, options.SimulationSeed);
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
        foreach (var t in Tenants)
        {
            t.State.Presence.EvaluateAll();
            t.State.Notifier.Poke();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ticker?.Dispose();
        foreach (var t in Tenants) await t.Simulation.StopAsync();
        foreach (var t in Tenants) await t.State.Notifier.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        State.SelfClient.Dispose();
        _outbound.Dispose();
        _certificate.Dispose();
    }
}
