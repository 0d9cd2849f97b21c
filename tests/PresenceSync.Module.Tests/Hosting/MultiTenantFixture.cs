using System.Collections.Generic;
using PresenceSync.Emulator;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// One emulator hosting two tenants: contoso.test (the fixture's own, 200 users) and
    /// fabrikam.test (its own directory, admin app and a budget of 1,200 per window), for a sync
    /// that serves a business unit in each.
    /// </summary>
    public sealed class MultiTenantFixture : TenantFixture
    {
        public const string SecondDomain = "fabrikam.test";
        public const int SecondBudget = 1200;

        protected override int UserCount => 200;

        protected override IEnumerable<TenantOptions> AdditionalTenants => new[]
        {
            new TenantOptions { DomainName = SecondDomain, UserCount = 100, PresenceBudgetPerWindow = SecondBudget },
        };

        public EmulatorConnection Second => Emulator.Tenants[1].Connection;

        /// <summary>The fixture's variables plus $TenantId2, $ClientId2 and $Secret2 of the second tenant.</summary>
        public IDictionary<string, object?> BothTenants
        {
            get
            {
                var v = Variables;
                v["TenantId2"] = Second.TenantId;
                v["ClientId2"] = Second.ClientId;
                v["Secret2"] = Second.ClientSecret;
                return v;
            }
        }
    }
}
