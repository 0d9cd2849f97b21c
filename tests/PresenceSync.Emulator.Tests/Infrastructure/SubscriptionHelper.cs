using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>Delegated clients and subscription requests shared by the subscription and delivery tests.</summary>
public static class SubscriptionHelper
{
    /// <summary>A delegated client (device code, approved through the control API) signed in as seeded user N.</summary>
    public static GraphServiceClient Delegated(EmulatorFixture f, int userNumber) =>
        EmulatorGraph.Client(f.Connection, EmulatorGraph.DeviceCodeCredential(f.Connection, f.Control, f.User(userNumber).UserPrincipalName!));

    /// <summary>A subscription to the presence of the given users, delivered to the receiver, for the given minutes.</summary>
    public static Subscription Request(EmulatorFixture f, NotificationReceiver receiver, IEnumerable<string> ids, int minutes = 60) => new()
    {
        ChangeType = "updated",
        NotificationUrl = receiver.NotifyUrl,
        LifecycleNotificationUrl = receiver.LifecycleUrl,
        Resource = $"/communications/presences?$filter=id in ({string.Join(",", ids.Select(i => $"'{i}'"))})",
        ExpirationDateTime = f.Emulator.Clock.UtcNow.AddMinutes(minutes),
        ClientState = "secret-state",
    };

    /// <summary>Two states a watched user alternates between, so that every step is a presence change.</summary>
    public static (string Availability, string Activity) Alternate(int step) => step % 2 == 0 ? ("Busy", "InACall") : ("Away", "Away");
}
