using System;
using PresenceSync.Emulator;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// A small tenant whose access tokens live two minutes: less than the five minutes before expiry
    /// at which MSAL renews a cached token, so every Graph call of the sync asks the token endpoint
    /// first, and a hung token endpoint is met by a running sync, not only at its start.
    /// </summary>
    public sealed class ShortTokenFixture : TenantFixture
    {
        protected override int UserCount => 200;

        protected override void Configure(EmulatorOptions options) => options.TokenLifetime = TimeSpan.FromMinutes(2);
    }
}
