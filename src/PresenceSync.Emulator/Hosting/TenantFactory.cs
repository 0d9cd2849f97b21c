using System.Text.Json.Nodes;
using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Directory;
using PresenceSync.Emulator.Identity;
using PresenceSync.Emulator.Subscriptions;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Builds the tenants of one emulator: the first from <see cref="EmulatorOptions"/>, one more per
/// <see cref="EmulatorOptions.AdditionalTenants"/>. Each gets its directory (seeded), its admin app
/// and its own presence, subscriptions, statistics and budget; they share the clock, the signing
/// key, the fault rules and the policing of notification endpoints.
/// </summary>
internal static class TenantFactory
{
    public static List<(EmulatorState State, List<(Guid, JsonObject)> SeededPresence)> Build(EmulatorOptions options, EmulatorClock clock, DateTimeOffset start)
    {
        var key = new SigningKey();
        var faults = new FaultInjector(clock);
        var health = new EndpointHealthMonitor(options.EndpointHealthMinimumDeliveries);
        var tenants = new List<(EmulatorState, List<(Guid, JsonObject)>)>();
        foreach (var o in new[] { options }.Concat(options.AdditionalTenants.Select(Validated).Select(options.ForTenant)))
        {
            var tenantId = o.TenantId is { } t ? Guid.Parse(t) : DirectoryStore.DeterministicGuid("tenant:" + o.DomainName);
            var directory = new DirectoryStore(tenantId, o.DomainName);
            var state = new EmulatorState(o, clock, directory, key, faults, health);
            state.Budget.FractionalRetryAfter = o.FractionalRetryAfter;
            var seeded = o.SeedFile is { } seed ? UserSeeder.SeedFromFile(directory, seed, start) : new List<(Guid, JsonObject)>();
            if (o.SeedFile is null) UserSeeder.SeedFromCount(directory, o.UserCount, start);
            state.AdminApp = AdminAppRegistrar.Register(directory, o, start);
            tenants.Add((state, seeded));
        }
        TenantRegistry.CheckDistinct(tenants.Select(t => t.Item1).ToList());
        return tenants;
    }

    private static TenantOptions Validated(TenantOptions t) =>
        string.IsNullOrWhiteSpace(t.DomainName) ? throw new ArgumentException("Every additional tenant needs a DomainName.") : t;
}
