using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Change notifications". One delegated user per test (one subscription per app per user).</summary>
public class SubscriptionTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _f;
    private NotificationReceiver _receiver = null!;
    public SubscriptionTests(EmulatorFixture f) => _f = f;

    public async Task InitializeAsync() => _receiver = await NotificationReceiver.StartAsync();
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private GraphServiceClient Delegated(int userNumber) =>
        EmulatorGraph.Client(_f.Connection, EmulatorGraph.DeviceCodeCredential(_f.Connection, _f.Control, _f.User(userNumber).UserPrincipalName!));

    private Subscription NewSubscription(IEnumerable<string> ids, int minutes = 60) => new()
    {
        ChangeType = "updated",
        NotificationUrl = _receiver.NotifyUrl,
        LifecycleNotificationUrl = _receiver.LifecycleUrl,
        Resource = $"/communications/presences?$filter=id in ({string.Join(",", ids.Select(i => $"'{i}'"))})",
        ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(minutes),
        ClientState = "secret-state",
    };

    [Fact]
    [Trait("Fact", "who may subscribe: delegated tokens only; application tokens get 403")]
    public async Task App_only_token_cannot_subscribe()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Admin.Subscriptions.PostAsync(NewSubscription(new[] { _f.User(2).Id! })));
        Assert.Equal(403, e.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "resource /communications/presences?$filter=id in (...), changeType updated; clientState checked on every notification; basic notifications carry only the user id")]
    public async Task Delegated_subscription_delivers_basic_notifications_with_client_state()
    {
        var client = Delegated(1);
        var watched = _f.User(2).Id!;
        var sub = await client.Subscriptions.PostAsync(NewSubscription(new[] { watched, _f.User(3).Id! }));
        Assert.NotNull(sub!.Id);
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall");
        var got = await _receiver.WaitForAsync(l => l.Count > 0);
        var item = got.SelectMany(n => n["value"]!.AsArray()).First()!.AsObject();
        Assert.Equal("secret-state", (string?)item["clientState"]);
        Assert.Equal(sub.Id, (string?)item["subscriptionId"]);
        Assert.Equal($"communications/presences/{watched}", (string?)item["resource"]);
        Assert.Null(item["encryptedContent"]);
        var listed = await client.Subscriptions.GetAsync();
        Assert.Contains(listed!.Value!, s => s.Id == sub.Id);
        await client.Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "how many: one presence subscription per application per delegated user; duplicate: same resource and changeType again gives 409")]
    public async Task Second_subscription_for_the_same_app_and_user_is_409()
    {
        var client = Delegated(4);
        var request = NewSubscription(new[] { _f.User(5).Id! });
        var first = await client.Subscriptions.PostAsync(request);
        // Kiota models only serialise changed values once sent: build the duplicate afresh.
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions.PostAsync(NewSubscription(new[] { _f.User(5).Id! })));
        Assert.Equal(409, e.ResponseStatusCode);
        var other = await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions.PostAsync(NewSubscription(new[] { _f.User(6).Id! })));
        Assert.Equal(409, other.ResponseStatusCode);
        await client.Subscriptions[first!.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "ids per subscription: at most 650")]
    public async Task More_than_650_ids_is_400()
    {
        var ids = Enumerable.Range(0, 651).Select(_ => Guid.NewGuid().ToString()).ToList();
        var e = await Assert.ThrowsAsync<ODataError>(() => Delegated(8).Subscriptions.PostAsync(NewSubscription(ids)));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "lifetime: at most 60 minutes")]
    public async Task Expiration_beyond_60_minutes_is_400()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => Delegated(8).Subscriptions.PostAsync(NewSubscription(new[] { _f.User(2).Id! }, minutes: 61)));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "clientState required, at most 128 characters")]
    public async Task Missing_or_long_client_state_is_400()
    {
        var request = NewSubscription(new[] { _f.User(2).Id! });
        request.ClientState = null;
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => Delegated(8).Subscriptions.PostAsync(request))).ResponseStatusCode);
        request = NewSubscription(new[] { _f.User(2).Id! });
        request.ClientState = new string('x', 129);
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => Delegated(8).Subscriptions.PostAsync(request))).ResponseStatusCode);
    }

    [Theory]
    [Trait("Fact", "handshake: reply 200, text/plain, the URL-decoded token, within 10 s")]
    [InlineData("wrong")]
    [InlineData("error")]
    [InlineData("slow")]
    public async Task Subscription_is_refused_when_the_endpoint_fails_the_handshake(string mode)
    {
        Assert.Equal(TimeSpan.FromSeconds(10), new PresenceSync.Emulator.EmulatorOptions().HandshakeTimeout); // this fixture: 2 s
        _receiver.HandshakeMode = mode;
        var e = await Assert.ThrowsAsync<ODataError>(() => Delegated(9).Subscriptions.PostAsync(NewSubscription(new[] { _f.User(2).Id! })));
        Assert.Equal(400, e.ResponseStatusCode);
        Assert.Equal("ValidationError", e.Error!.Code);
    }

    [Fact]
    [Trait("Fact", "renew with PATCH /subscriptions/{id} (new expirationDateTime); an expired subscription cannot be renewed, only recreated")]
    public async Task Renewal_works_until_expiry_and_not_after()
    {
        var client = Delegated(10);
        var sub = await client.Subscriptions.PostAsync(NewSubscription(new[] { _f.User(11).Id! }, minutes: 30));
        await client.Subscriptions[sub!.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(60) });
        var tooLong = await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions[sub.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(61) }));
        Assert.Equal(400, tooLong.ResponseStatusCode);
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(61));
        var fresh = Delegated(10);
        var e = await Assert.ThrowsAsync<ODataError>(() => fresh.Subscriptions[sub.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(30) }));
        Assert.Equal(404, e.ResponseStatusCode);
        var again = await fresh.Subscriptions.PostAsync(NewSubscription(new[] { _f.User(11).Id! }));
        await fresh.Subscriptions[again!.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "lifecycle: presence gets only reauthorizationRequired (on lifecycleNotificationUrl); answer by POST /subscriptions/{id}/reauthorize")]
    public async Task ReauthorizationRequired_stops_deliveries_until_reauthorized()
    {
        var client = Delegated(12);
        var watched = _f.User(13).Id!;
        var sub = await client.Subscriptions.PostAsync(NewSubscription(new[] { watched }));
        await _f.Control.SendAsync(HttpMethod.Post, $"/subscriptions/{sub!.Id}/lifecycle", new { @event = "reauthorizationRequired" });
        var lifecycle = Assert.Single(_receiver.Lifecycle);
        Assert.Equal("reauthorizationRequired", (string?)lifecycle["value"]![0]!["lifecycleEvent"]);
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall");
        Assert.Empty(await _receiver.WaitForAsync(l => l.Count > 0, 400));
        await client.Subscriptions[sub.Id].Reauthorize.PostAsync();
        await _f.Control.SetDeviceAsync(watched, "desktop", "Away", "Away");
        Assert.NotEmpty(await _receiver.WaitForAsync(l => l.Count > 0));
        await client.Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "delivery: failures are retried for up to 4 hours")]
    public async Task Failed_delivery_is_retried_on_the_emulator_clock()
    {
        var client = Delegated(24);
        var watched = _f.User(15).Id!;
        var sub = await client.Subscriptions.PostAsync(NewSubscription(new[] { watched }));
        _receiver.FailNext = 1;
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall");
        // The first attempt must have been made (and failed) before the clock moves: an attempt made
        // only after the advance would schedule its retry a minute past it, on a clock that stays put.
        var log = await _f.Control.WaitForLogAsync(sub!.Id!, l => l.Count >= 1);
        Assert.Equal("failed", (string?)Assert.Single(log)["outcome"]);
        Assert.Empty(await _receiver.WaitForAsync(l => l.Count > 0, 500));
        await _f.Control.AdvanceAsync(TimeSpan.FromMinutes(1));
        var got = await _receiver.WaitForAsync(l => l.Count > 0);
        Assert.Single(got);
        log = await _f.Control.WaitForLogAsync(sub.Id!, l => l.Count >= 2);
        Assert.Equal(new[] { "failed", "delivered" }, log.Select(r => (string?)r["outcome"]));
        await Delegated(24).Subscriptions[sub.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "batching: one POST may carry several notifications in value")]
    public async Task Several_changes_are_batched_in_one_post()
    {
        var client = Delegated(16);
        var a = _f.User(17).Id!;
        var b = _f.User(18).Id!;
        var sub = await client.Subscriptions.PostAsync(NewSubscription(new[] { a, b }));
        // Hold deliveries for 30 s of emulator time, so that three changes are due together.
        await _f.Control.AddFaultAsync(new { kind = "delayNotifications", delaySeconds = 30, durationSeconds = 20 });
        await _f.Control.SetDeviceAsync(a, "desktop", "Busy", "InACall");
        await _f.Control.SetDeviceAsync(b, "desktop", "Busy", "InACall");
        await _f.Control.SetDeviceAsync(a, "desktop", "Away", "Away");
        await _f.Control.AdvanceAsync(TimeSpan.FromSeconds(30));
        var got = await _receiver.WaitForAsync(l => l.Sum(n => n["value"]!.AsArray().Count) >= 3);
        Assert.Contains(got, n => n["value"]!.AsArray().Count >= 2);
        Assert.Equal(3, got.Sum(n => n["value"]!.AsArray().Count));
        await client.Subscriptions[sub!.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "encryption: RSA OAEP SHA-1 key wrap, HMAC-SHA256 over data compared before anything else, AES-CBC PKCS7 with IV = first 16 bytes of the key; validation tokens with audience = app id and appid/azp = Graph Change Tracking")]
    public async Task Rich_notifications_decrypt_with_the_documented_algorithm_and_tampering_is_detected()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=notification-encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var client = Delegated(19);
        var watched = _f.User(20).Id!;
        var subscription = NewSubscription(new[] { watched });
        subscription.IncludeResourceData = true;
        subscription.EncryptionCertificate = Convert.ToBase64String(cert.Export(X509ContentType.Cert));
        subscription.EncryptionCertificateId = "cert-1";
        var sub = await client.Subscriptions.PostAsync(subscription);
        await _f.Control.SetDeviceAsync(watched, "desktop", "DoNotDisturb", "Presenting");

        var notification = (await _receiver.WaitForAsync(l => l.Count > 0)).First();
        var item = notification["value"]![0]!.AsObject();
        var encrypted = item["encryptedContent"]!.AsObject();
        Assert.Equal("cert-1", (string?)encrypted["encryptionCertificateId"]);
        Assert.Equal(cert.Thumbprint, (string?)encrypted["encryptionCertificateThumbprint"]);

        var resource = JsonNode.Parse(RichNotification.Decrypt(encrypted, rsa))!;
        Assert.Equal("DoNotDisturb", (string?)resource["availability"]);
        Assert.Equal("Presenting", (string?)resource["activity"]);
        Assert.Equal(watched, (string?)resource["id"]);

        var tampered = encrypted.DeepClone().AsObject();
        var signature = Convert.FromBase64String((string)tampered["dataSignature"]!);
        signature[0] ^= 0xFF;
        tampered["dataSignature"] = Convert.ToBase64String(signature);
        Assert.Throws<CryptographicException>(() => RichNotification.Decrypt(tampered, rsa));

        var token = (string)notification["validationTokens"]![0]!;
        var claims = await RichNotification.ValidateTokenAsync(token, _f.Connection);
        Assert.Equal(_f.Connection.ClientId, (string?)claims["aud"]);
        Assert.Equal("0bf30f3b-4a52-48df-9a82-234910c4a086", (string?)claims["appid"]);
        await client.Subscriptions[sub!.Id].DeleteAsync();
    }

    [Fact]
    [Trait("Fact", "Event Hubs: notificationUrl may be EventHub:https://<namespace>.servicebus.windows.net/eventhubname/<hub>?tenantId=<domain>; no handshake, still needs a delegated subscription")]
    public async Task EventHub_notification_url_needs_no_handshake()
    {
        _receiver.HandshakeMode = "error";
        var client = Delegated(25);
        var watched = _f.User(26).Id!;
        var request = NewSubscription(new[] { watched });
        request.NotificationUrl = "EventHub:https://ns.servicebus.windows.net/eventhubname/presence?tenantId=contoso.test";
        request.LifecycleNotificationUrl = null;
        var sub = await client.Subscriptions.PostAsync(request);
        await _f.Control.SetDeviceAsync(watched, "web", "Busy", "InACall");
        var log = await _f.Control.WaitForLogAsync(sub!.Id!, l => l.Count > 0);
        Assert.Contains(log, r => (string?)r["outcome"] == "eventhub");
        await client.Subscriptions[sub!.Id].DeleteAsync();
    }
}
