using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// An emulator for delivery tests: a 1 s delivery timeout (instead of Graph's 3 s) so that a slow
/// receiver costs little real time; endpoint health judged after 20 deliveries (Graph: 100; fewer
/// is stricter); 4-minute tokens, under MSAL's 5-minute refresh margin, so that every call gets a
/// token issued at the emulator's current time however far the clock was moved.
/// </summary>
public class DeliveryFixture : EmulatorFixture
{
    protected override EmulatorOptions Options()
    {
        var o = base.Options();
        o.DeliveryTimeout = TimeSpan.FromSeconds(1);
        o.EndpointHealthMinimumDeliveries = 20;
        o.TokenLifetime = TimeSpan.FromMinutes(4);
        return o;
    }
}
