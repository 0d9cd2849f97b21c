using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Presence;
using PresenceSync.Emulator.Subscriptions;
using PresenceSync.Emulator.Throttling;

namespace PresenceSync.Emulator;

/// <summary>
/// Everything the emulator knows, shared by all endpoints. Tests may read it directly for
/// assertions; the control API offers the same information over HTTP.
/// </summary>
public sealed class EmulatorState
{
    internal EmulatorState(EmulatorOptions options, EmulatorClock clock, DirectoryStore directory)
    {
        Options = options;
        Clock = clock;
        Directory = directory;
        Presence = new PresenceStore(clock);
        Statistics = new Statistics();
        Faults = new FaultInjector(clock);
        Budget = new PresenceBudget(clock, options.PresenceBudgetPerWindow, options.BudgetWindow);
        DeviceCodes = new DeviceCodeStore();
        Key = new SigningKey();
        Tokens = new TokenService(Key, clock, directory, options.TokenLifetime);
        RefreshTokens = new RefreshTokenStore();
        ClientAuth = new ClientAuthenticator(clock);
        ManagedIdentities = new ManagedIdentityStore();
        Subscriptions = new SubscriptionStore();
        EndpointHealth = new EndpointHealthMonitor(options.EndpointHealthMinimumDeliveries);
    }

    public EmulatorOptions Options { get; }
    public EmulatorClock Clock { get; }
    public DirectoryStore Directory { get; }
    public PresenceStore Presence { get; }
    public Statistics Statistics { get; }
    public FaultInjector Faults { get; }
    public PresenceBudget Budget { get; }
    public DeviceCodeStore DeviceCodes { get; }
    /// <summary>Managed identities (created through the control API) and their host secrets.</summary>
    public ManagedIdentityStore ManagedIdentities { get; }
    public SubscriptionStore Subscriptions { get; }
    /// <summary>Per notification URL: recent deliveries and the slow/failing penalty Graph applies.</summary>
    public EndpointHealthMonitor EndpointHealth { get; }
    /// <summary>The pre-registered app holding all presence, user and application permissions.</summary>
    public AppRegistration AdminApp { get; internal set; } = null!;
    /// <summary>https://127.0.0.1:PORT (no trailing slash).</summary>
    public string BaseUrl { get; internal set; } = "";

    internal SigningKey Key { get; }
    internal TokenService Tokens { get; }
    internal RefreshTokenStore RefreshTokens { get; }
    internal ClientAuthenticator ClientAuth { get; }
    internal Notifier Notifier { get; set; } = null!;
    internal HttpClient SelfClient { get; set; } = null!;
}
