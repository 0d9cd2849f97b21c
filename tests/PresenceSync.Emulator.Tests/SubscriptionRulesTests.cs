using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;
using static PresenceSync.Emulator.Tests.Infrastructure.SubscriptionHelper;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Change notifications": resource forms, encryption requirements and lifecycle answers.</summary>
public class SubscriptionRulesTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorFixture _f;
    private NotificationReceiver _receiver = null!;
    public SubscriptionRulesTests(EmulatorFixture f) => _f = f;

    public async Task InitializeAsync() => _receiver = await NotificationReceiver.StartAsync();
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    [Trait("Fact", "resource: /communications/presences/{id} or /communications/presences?$filter=id in ('id1','id2',...), changeType updated only")]
    public async Task Single_user_resource_works_and_only_updated_is_accepted()
    {
        var client = Delegated(_f, 1);
        var watched = _f.User(2).Id!;
        var request = Request(_f, _receiver, new[] { watched });
        request.ChangeType = "created";
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions.PostAsync(request))).ResponseStatusCode);

        request = Request(_f, _receiver, new[] { watched });
        request.Resource = $"/communications/presences/{watched}";
        var sub = await client.Subscriptions.PostAsync(request);
        await _f.Control.SetDeviceAsync(watched, "mobile", "Busy", "InAConferenceCall");
        var got = await _receiver.WaitForAsync(l => l.Count > 0);
        Assert.Equal($"communications/presences/{watched}", (string?)got[0]["value"]![0]!["resource"]);
        await client.Subscriptions[sub!.Id].DeleteAsync();
    }

    [Theory]
    [Trait("Fact", "encryption: subscription carries encryptionCertificate (base64 X.509, RSA 2048-4096, self-signed is fine) and encryptionCertificateId")]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(2048)]
    public async Task Rich_notifications_need_an_RSA_2048_to_4096_certificate_and_its_id(int keySize)
    {
        var client = Delegated(_f, 3);
        var request = Request(_f, _receiver, new[] { _f.User(4).Id! });
        request.IncludeResourceData = true;
        if (keySize > 0)
        {
            using var rsa = RSA.Create(keySize);
            using var cert = new CertificateRequest("CN=enc", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            request.EncryptionCertificate = Convert.ToBase64String(cert.Export(X509ContentType.Cert));
            request.EncryptionCertificateId = "enc-1";
        }
        if (keySize == 2048)
        {
            var sub = await client.Subscriptions.PostAsync(request);
            Assert.True(sub!.IncludeResourceData);
            await client.Subscriptions[sub.Id].DeleteAsync();
            return;
        }
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions.PostAsync(request))).ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "lifecycle: presence gets only reauthorizationRequired (on lifecycleNotificationUrl, set at creation only); answer by POST /subscriptions/{id}/reauthorize or a renewal PATCH; resync afterwards")]
    public async Task Renewal_patch_answers_reauthorization_and_the_lifecycle_url_cannot_be_changed()
    {
        var client = Delegated(_f, 5);
        var watched = _f.User(6).Id!;
        var sub = await client.Subscriptions.PostAsync(Request(_f, _receiver, new[] { watched }));
        var move = await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions[sub!.Id].PatchAsync(
            new Subscription { LifecycleNotificationUrl = _receiver.BaseUrl + "/elsewhere" }));
        Assert.Equal(400, move.ResponseStatusCode);

        await _f.Control.SendAsync(HttpMethod.Post, $"/subscriptions/{sub!.Id}/lifecycle", new { @event = "reauthorizationRequired" });
        Assert.Equal("reauthorizationRequired", (string?)Assert.Single(_receiver.Lifecycle)["value"]![0]!["lifecycleEvent"]);
        await _f.Control.SetDeviceAsync(watched, "desktop", "Busy", "InACall"); // lost: deliveries paused
        await client.Subscriptions[sub.Id].PatchAsync(new Subscription { ExpirationDateTime = _f.Emulator.Clock.UtcNow.AddMinutes(60) });
        await _f.Control.SetDeviceAsync(watched, "desktop", "Away", "Away");
        var got = await _receiver.WaitForAsync(l => l.Count > 0);
        Assert.Single(got);
        // The receiver has the POST before the emulator has its 202 and logs "delivered": wait for the log.
        static string?[] Changes(List<System.Text.Json.Nodes.JsonObject> log) =>
            log.Where(r => (string?)r["kind"] == "change").Select(r => (string?)r["outcome"]).ToArray();
        var outcomes = Changes(await _f.Control.WaitForLogAsync(sub.Id!, l => Changes(l).Length >= 2));
        Assert.Equal(new[] { "dropped-reauthorizationRequired", "delivered" }, outcomes);
        await client.Subscriptions[sub.Id].DeleteAsync();
    }
}
