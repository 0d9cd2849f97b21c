using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Presence;
using PresenceSync.Emulator.Subscriptions;
using PresenceSync.Emulator.Throttling;

namespace PresenceSync.Emulator;

/// <summary>
/// Everything the emulator knows about one tenant, shared by all endpoints. Tests may read it
/// directly for assertions; the control API offers the same information over HTTP. The clock, the
/// token-signing key, the fault rules and the policing of notification endpoints are one for the
/// whole emulator (as Graph's are one service); the rest belongs to the tenant.
/// </summary>
public sealed class EmulatorState
{
    internal EmulatorState(EmulatorOptions options, EmulatorClock clock, DirectoryStore directory, SigningKey key,
        FaultInjector faults, EndpointHealthMonitor endpointHealth)
    {
        Options = options;
        Clock = clock;
        Directory = directory;
        Presence = new PresenceStore(clock);
        Statistics = new Statistics();
        Faults = faults;
        Budget = new PresenceBudget(clock, options.PresenceBudgetPerWindow, options.BudgetWindow);
        DeviceCodes = new DeviceCodeStore();
        Key = key;
        Tokens = new TokenService(Key, clock, directory, options.TokenLifetime);
        RefreshTokens = new RefreshTokenStore();
        ClientAuth = new ClientAuthenticator(clock);
        ManagedIdentities = new ManagedIdentityStore();
        Subscriptions = new SubscriptionStore();
        EndpointHealth = endpointHealth;
        Writes = new WriteLog();
    }

    public EmulatorOptions Options { get; }
    public EmulatorClock Clock { get; }
    public DirectoryStore Directory { get; }
    public PresenceStore Presence { get; }
    /// <summary>This tenant's request counters (every tenant counts its own).</summary>
    public Statistics Statistics { get; }
    /// <summary>Fault rules and revoked permissions: one injector for the whole emulator (rules may name a tenant).</summary>
    public FaultInjector Faults { get; }
    /// <summary>The presence budget of every app in this tenant (Graph: per application per tenant).</summary>
    public PresenceBudget Budget { get; }
    public DeviceCodeStore DeviceCodes { get; }
    /// <summary>Managed identities (created through the control API) and their host secrets.</summary>
    public ManagedIdentityStore ManagedIdentities { get; }
    public SubscriptionStore Subscriptions { get; }
    /// <summary>Per notification URL: recent deliveries and the slow/failing penalty Graph applies (shared by all tenants).</summary>
    public EndpointHealthMonitor EndpointHealth { get; }
    /// <summary>Every presence write applied in this tenant, with the time it was applied (bounded).</summary>
    public WriteLog Writes { get; }
    /// <summary>The pre-registered app holding all presence, user and application permissions.</summary>
    public AppRegistration AdminApp { get; internal set; } = null!;
    /// <summary>https://127.0.0.1:PORT (no trailing slash).</summary>
    public string BaseUrl { get; internal set; } = "";
    /// <summary>The control API of this tenant: {BaseUrl}/_emulator for the first, {BaseUrl}/_emulator/tenants/{id} for each.</summary>
    public string ControlUrl { get; internal set; } = "";

    internal SigningKey Key { get; }
    internal TokenService Tokens { get; }
    internal RefreshTokenStore RefreshTokens { get; }
    internal ClientAuthenticator ClientAuth { get; }
    internal Notifier Notifier { get; set; } = null!;
    internal HttpClient SelfClient { get; set; } = null!;
}
