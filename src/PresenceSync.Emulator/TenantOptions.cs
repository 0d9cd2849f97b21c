namespace PresenceSync.Emulator;

/// <summary>
/// A further tenant hosted by the same emulator (<see cref="EmulatorOptions.AdditionalTenants"/>):
/// its own directory, pre-registered admin app, presence store, subscriptions and presence budget.
/// Values left null are taken from the first tenant's <see cref="EmulatorOptions"/> (the budget)
/// or generated (ids, secret). Domain names, tenant ids and client ids must differ between tenants.
/// </summary>
public sealed class TenantOptions
{
    /// <summary>Verified domain of this tenant (required, unique across tenants): UPNs end with it, user ids derive from it.</summary>
    public string DomainName { get; set; } = "";

    /// <summary>Users seeded deterministically (user0001@DomainName ...); ignored when <see cref="SeedFile"/> is set.</summary>
    public int UserCount { get; set; } = 25;

    /// <summary>Optional JSON seed file, same format as <see cref="EmulatorOptions.SeedFile"/>.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Fixed tenant id; null derives one from the domain name.</summary>
    public string? TenantId { get; set; }

    /// <summary>Fixed client id / secret of this tenant's admin app; null makes random ones.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Presence requests per app per <see cref="BudgetWindow"/> in this tenant; null = the first tenant's.</summary>
    public int? PresenceBudgetPerWindow { get; set; }
    public TimeSpan? BudgetWindow { get; set; }
}
