namespace PresenceSync.Emulator;

/// <summary>
/// Everything that can be tuned when the emulator starts. Defaults are Graph's own numbers so that
/// an engine tested against the defaults behaves the same in a real tenant; tests may shrink
/// windows to keep run time low, never to make the emulator kinder.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="GraphEmulator.Connection"/>).</summary>
    public int Port { get; set; }

    /// <summary>Number of users seeded deterministically (user0001@DomainName ...). Ignored when <see cref="SeedFile"/> is set.</summary>
    public int UserCount { get; set; } = 25;

    /// <summary>Optional JSON seed file (format in README.md) with users and their initial presence.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Verified domain of the tenant; UPNs of created users must end with it.</summary>
    public string DomainName { get; set; } = "contoso.test";

    /// <summary>Fixed tenant id; null creates a deterministic one from the domain name.</summary>
    public string? TenantId { get; set; }

    /// <summary>Fixed client id / secret of the pre-registered admin app; null makes random ones.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Presence requests allowed per app per tenant per <see cref="BudgetWindow"/> (Graph: 1,500 per 30 s).</summary>
    public int PresenceBudgetPerWindow { get; set; } = 1500;
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Answer a spent budget with a fractional Retry-After (to the millisecond, e.g. "2.128", as in
    /// Graph's throttling sample) instead of whole seconds rounded up. Both occur in Graph.
    /// </summary>
    public bool FractionalRetryAfter { get; set; }

    /// <summary>Start of the emulator clock; null = the real time at start.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>
    /// True (standalone default): the clock moves with real time plus whatever was advanced.
    /// False: the clock only moves through Advance, which makes expiry/fade tests exact.
    /// </summary>
    public bool ClockRunsInRealTime { get; set; } = true;

    /// <summary>Graph requires https notification URLs; tests may allow http for loopback receivers.</summary>
    public bool AllowHttpNotificationUrl { get; set; }

    /// <summary>Lifetime of access tokens (AAD issues 60-90 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Polling interval told to device-code clients (AAD says 5 s; tests use 1).</summary>
    public int DeviceCodeIntervalSeconds { get; set; } = 5;

    /// <summary>Real time the notification endpoint has to echo the validation token (Graph: 10 s).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Real time a notification endpoint has to answer a delivery (Graph: 3 s); no 2xx in time is a failure, retried.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A delivery answered later than this counts as slow (timeouts too). Null = 29/30 of
    /// <see cref="DeliveryTimeout"/>, Graph's 2,900 ms of its 3 s.
    /// </summary>
    public TimeSpan? SlowDeliveryThreshold { get; set; }

    /// <summary>
    /// Deliveries a notification URL must have had in the last 10 minutes before its slow and
    /// failure shares are judged (Graph: 100). Lower values make the emulator stricter, never kinder.
    /// </summary>
    public int EndpointHealthMinimumDeliveries { get; set; } = 100;

    internal TimeSpan EffectiveSlowThreshold => SlowDeliveryThreshold ?? DeliveryTimeout * 29 / 30;

    /// <summary>The options of a further tenant: its own identity and directory, everything else as here.</summary>
    internal EmulatorOptions ForTenant(TenantOptions t)
    {
        var o = (EmulatorOptions)MemberwiseClone();
        o.DomainName = t.DomainName;
        o.UserCount = t.UserCount;
        o.SeedFile = t.SeedFile;
        o.TenantId = t.TenantId;
        o.ClientId = t.ClientId;
        o.ClientSecret = t.ClientSecret;
        o.PresenceBudgetPerWindow = t.PresenceBudgetPerWindow ?? PresenceBudgetPerWindow;
        o.BudgetWindow = t.BudgetWindow ?? BudgetWindow;
        o.SimulationRate = 0; // a further tenant's simulation is started through its control API
        return o;
    }

    /// <summary>Folder for the generated TLS certificate; null = a folder under the temp directory.</summary>
    public string? CertificateDirectory { get; set; }

    /// <summary>Simulated Teams presence changes per second started with the emulator (0 = off).</summary>
    public double SimulationRate { get; set; }

    /// <summary>Seed of the simulation driver's Random, for repeatable demos and load tests.</summary>
    public int SimulationSeed { get; set; } = 1;

    /// <summary>
    /// Further tenants in the same emulator (Graph and the identity platform serve many tenants from
    /// one host). The options above describe the first tenant, whose connection is
    /// <see cref="GraphEmulator.Connection"/>; every tenant is in <see cref="GraphEmulator.Tenants"/>.
    /// Clock, TLS certificate, token-signing key, fault rules and notification-endpoint policing are
    /// shared; directory, apps, presence, subscriptions, statistics and budget are per tenant.
    /// </summary>
    public List<TenantOptions> AdditionalTenants { get; } = new();
}
