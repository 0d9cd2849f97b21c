using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;
using static PresenceSync.Emulator.Tests.Infrastructure.SubscriptionHelper;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Change notifications": the delivery timeout, the 4-hour retry period and latency.</summary>
public class DeliveryTests : IClassFixture<DeliveryFixture>, IAsyncLifetime
{
    private readonly DeliveryFixture _f;
    private NotificationReceiver _receiver = null!;
    public DeliveryTests(DeliveryFixture f) => _f = f;

    public async Task InitializeAsync() => _receiver = await NotificationReceiver.StartAsync();
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    [Trait("Fact", "delivery: reply 2xx within 3 s (202 recommended, queue the work)")]
    public async Task Receiver_slower_than_the_delivery_timeout_has_failed_and_is_retried()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), new EmulatorOptions().DeliveryTimeout);
        var client = Delegated(_f, 1);
        var watched = _f.User(2).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { watched }));
        _receiver.SlowNext = 1; // answers 202, but after 1.6 s: later than this emulator's 1 s timeout
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall");

        var log = await _f.Control.WaitForLogAsync(sub!.Id!, l => l.Count >= 1);
        var first = Assert.Single(log);
        Assert.Equal("failed", (string?)first["outcome"]);
        Assert.Null(first["status"]);
        Assert.True((int)first["elapsedMs"]! >= 900, $"The POST was abandoned after {first["elapsedMs"]} ms.");

        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        log = await _f.Control.WaitForLogAsync(sub.Id!, l => l.Count >= 2);
        Assert.Equal("delivered", (string?)log[1]["outcome"]);
        Assert.Equal(2, (int)log[1]["attempt"]!);
        Assert.Equal(202, (int?)log[1]["status"]);
        await client.Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "delivery: failures are retried for up to 4 hours")]
    public async Task Notification_still_failing_after_four_hours_is_dropped()
    {
        var client = Delegated(_f, 3);
        var watched = _f.User(4).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { watched }));
        _receiver.FailNext = 1000;
        var droppedBefore = _f.Emulator.State.Statistics.Notifications("dropped");
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall");
        var log = await _f.Control.WaitForLogAsync(sub!.Id!, l => l.Count >= 1);

        // 30-minute steps up to 4 h of emulator time, renewing the subscription as its 60-minute lifetime demands.
        for (var step = 1; step <= 8; step++)
        {
            await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(30));
            await client.Subscriptions[sub.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(60) });
            log = await _f.Control.WaitForLogAsync(sub.Id!, l => l.Count >= step + 1);
            Assert.Equal(step + 1, log.Count);
        }
        Assert.All(log.Take(8), r => Assert.Equal("failed", (string?)r["outcome"]));
        Assert.Equal(Enumerable.Range(1, 8), log.Take(8).Select(r => (int)r["attempt"]!));
        Assert.Equal("dropped-retryExpired", (string?)log[8]["outcome"]);
        Assert.Equal(8, _receiver.Timeline.Count);
        Assert.Equal(droppedBefore + 1, _f.Emulator.State.Statistics.Notifications("dropped"));

        // Given up for good: no further attempt.
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(30));
        await client.Subscriptions[sub.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(60) });
        await Task.Delay(300);
        Assert.Equal(9, (await _f.Control.NotificationLogAsync(sub.Id!)).Count);
        _receiver.FailNext = 0;
        await client.Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "latency: presence notifications: average under 10 s, maximum 1 minute")]
    public async Task Presence_changes_are_delivered_within_seconds_with_consistent_timestamps()
    {
        var client = Delegated(_f, 5);
        var watched = _f.User(6).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { watched }));
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var (availability, activity) = Alternate(i);
            var changedAt = DateTimeOffset.UtcNow;
            await _f.Control.SetDeviceAsync(watched, "desktop", availability, activity);
            Assert.True((await _receiver.WaitForAsync(l => l.Count >= i + 1, 15000)).Count >= i + 1, $"Change {i} was not delivered within 15 s.");
            latencies.Add(_receiver.Timeline.ToArray()[i].At - changedAt);
        }
        Assert.All(latencies, l => Assert.True(l < TimeSpan.FromSeconds(10), $"A notification took {l.TotalMilliseconds:0} ms."));
        Assert.True(latencies.Average(l => l.TotalMilliseconds) < 10_000);

        // Emulator time: the clock is frozen here, so each delivery is stamped with the very instant of its change.
        var now = _f.Emulator.Clock.UtcNow;
        var log = await _f.Control.NotificationLogAsync(sub!.Id!);
        Assert.All(log, r => Assert.Equal(now, DateTimeOffset.Parse((string)r["at"]!)));

        // The payload parses with the SDK's own model and its timestamps agree with the subscription.
        var json = _receiver.Timeline.Last().Body.ToJsonString();
        var collection = await KiotaJsonSerializer.DeserializeAsync(json, ChangeNotificationCollection.CreateFromDiscriminatorValue);
        var notification = Assert.Single(collection!.Value!);
        Assert.Equal(sub.ExpirationDateTime, notification.SubscriptionExpirationDateTime);
        Assert.True(notification.SubscriptionExpirationDateTime > now);
        Assert.Equal(Guid.Parse(sub.Id!), notification.SubscriptionId);
        Assert.Equal("secret-state", notification.ClientState);
        await client.Subscriptions[sub.Id].DeleteAsync();
    }
}
