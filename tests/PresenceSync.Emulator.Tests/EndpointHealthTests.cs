using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;
using static PresenceSync.Emulator.Tests.Infrastructure.SubscriptionHelper;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// src/PresenceSync.Emulator/README.md#graph-facts, "Change notifications" (delivery): Graph polices notification endpoints per URL. This emulator
/// judges a URL once it had 20 deliveries in the last 10 minutes (Graph: 100).
/// </summary>
public class EndpointHealthTests : IClassFixture<DeliveryFixture>, IAsyncLifetime
{
    private readonly DeliveryFixture _f;
    private NotificationReceiver _receiver = null!;
    public EndpointHealthTests(DeliveryFixture f) => _f = f;

    public async Task InitializeAsync()
    {
        // Health is kept per URL: a receiver that happens to get the port of an earlier test's receiver
        // must not inherit that test's record (the tests of a class share the emulator).
        await _f.Control.SendAsync(HttpMethod.Delete, "/notifications/endpoints");
        _receiver = await NotificationReceiver.StartAsync();
    }
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>Changes the filler user once per delivery and waits for each delivery's log entry.</summary>
    private async Task DeliverAsync(string subscriptionId, string filler, int count)
    {
        var start = (await _f.Control.NotificationLogAsync(subscriptionId)).Count;
        for (var i = 0; i < count; i++)
        {
            var (availability, activity) = Alternate(start + i);
            await _f.Control.SetDeviceAsync(filler, "desktop", availability, activity);
            var log = await _f.Control.WaitForLogAsync(subscriptionId, l => l.Count >= start + i + 1);
            Assert.Equal(start + i + 1, log.Count);
        }
    }

    private static bool Mentions(JsonObject notification, string userId) =>
        notification["value"]!.AsArray().Any(n => ((string?)n!["resource"])!.EndsWith(userId, StringComparison.OrdinalIgnoreCase));

    [Fact]
    [Trait("Fact", "delivery: an endpoint slow on more than 10% of deliveries is delayed 10 minutes")]
    public async Task Endpoint_slow_on_a_tenth_of_deliveries_gets_notifications_ten_minutes_late()
    {
        var client = Delegated(_f, 8);
        var filler = _f.User(9).Id!;
        var watched = _f.User(10).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { filler, watched }));
        await DeliverAsync(sub!.Id!, filler, 22);
        _receiver.SlowNext = 3; // 3 of 25 (12 %) answered after the timeout: slow (and failed, but under 15 %)
        await DeliverAsync(sub.Id!, filler, 3);
        var endpoint = await _f.Control.EndpointAsync(_receiver.NotifyUrl);
        Assert.Equal("slow", (string?)endpoint!["state"]);

        await _f.Control.SetDeviceAsync(watched, "desktop", "DoNotDisturb", "Presenting");
        var log = await _f.Control.WaitForLogAsync(sub.Id!, l => l.Any(r => (string?)r["outcome"] == "delayed-endpointSlow"));
        Assert.Contains(log, r => (string?)r["outcome"] == "delayed-endpointSlow" && r["userIds"]!.AsArray().Any(u => (string?)u == watched));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.DoesNotContain(await _receiver.WaitForAsync(l => l.Any(n => Mentions(n, watched)), 400), n => Mentions(n, watched));

        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(await _receiver.WaitForAsync(l => l.Any(n => Mentions(n, watched))), n => Mentions(n, watched));
        Assert.Equal("healthy", (string?)(await _f.Control.EndpointAsync(_receiver.NotifyUrl))!["state"]);
        await client.Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "delivery: one failing more than 15% has notifications dropped for 10 minutes")]
    public async Task Endpoint_failing_on_15_percent_of_deliveries_has_notifications_dropped_for_ten_minutes()
    {
        var client = Delegated(_f, 11);
        var filler = _f.User(12).Id!;
        var watched = _f.User(13).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { filler, watched }));
        await DeliverAsync(sub!.Id!, filler, 16);
        _receiver.FailNext = 4; // 4 of 20 (20 %) answered 500
        await DeliverAsync(sub.Id!, filler, 4);
        Assert.Equal("dropping", (string?)(await _f.Control.EndpointAsync(_receiver.NotifyUrl))!["state"]);

        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(9));
        await _f.Control.SetDeviceAsync(watched, "desktop", "DoNotDisturb", "Presenting");
        var log = await _f.Control.WaitForLogAsync(sub.Id!, l => l.Any(r => r["userIds"]!.AsArray().Any(u => (string?)u == watched)));
        var dropped = log.Single(r => r["userIds"]!.AsArray().Any(u => (string?)u == watched));
        Assert.Equal("dropped-endpointFailing", (string?)dropped["outcome"]);

        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        await _f.Control.SetDeviceAsync(watched, "desktop", "Away", "Away");
        var got = await _receiver.WaitForAsync(l => l.Any(n => Mentions(n, watched)));
        // Only the change made after the 10 minutes arrives: the one made during them is lost for good.
        Assert.Equal(1, got.Sum(n => n["value"]!.AsArray().Count(i => ((string?)i!["resource"])!.EndsWith(watched))));
        await client.Subscriptions[sub.Id].DeleteAsync();
    }
}
