using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;
using static PresenceSync.Emulator.Tests.Conformance.DocsFixture;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// The examples of learn.microsoft.com/graph/changenotifications-for-presence (subscription
/// payloads, basic and rich notifications, the decrypted content), change-notifications-delivery-webhooks
/// (validation), change-notifications-with-resource-data (validation tokens),
/// change-notifications-lifecycle-events, and the API pages subscription-post-subscriptions,
/// subscription-update, subscription-delete and subscription-reauthorize. One subscriber per test
/// (one presence subscription per app per user).
/// </summary>
public class SubscriptionDocs : IClassFixture<DocsFixture>, IAsyncLifetime
{
    private readonly DocsFixture _f;
    private NotificationReceiver _receiver = null!;
    public SubscriptionDocs(DocsFixture f) => _f = f;

    public async Task InitializeAsync() => _receiver = await NotificationReceiver.StartAsync();
    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private string Expiry(int minutes = 60) => _f.Emulator.Clock.UtcNow.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");

    private static (RSA Key, string Base64) EncryptionCertificate()
    {
        var rsa = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=presence-notifications", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (rsa, Convert.ToBase64String(cert.Export(X509ContentType.Cert)));
    }

    private static string[] Keys(JsonObject o) => o.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    [Fact]
    [Trait("Docs", "changenotifications-for-presence")]
    [Trait("Docs", "subscription-post-subscriptions")]
    [Trait("Docs", "change-notifications-with-resource-data")]
    public async Task changenotifications_for_presence_single_user_rich_subscription_delivers_the_documented_payload()
    {
        var (key, certificate) = EncryptionCertificate();
        await _f.Control.SignOutAsync(Alex);
        var token = await _f.UserTokenAsync("admin@contoso.com", "Presence.Read.All");
        var r = await _f.Http.SendAsync("POST", "/subscriptions", token, $$"""
            {
                "changeType": "updated",
                "notificationUrl": "{{_receiver.NotifyUrl}}",
                "lifecycleNotificationUrl": "{{_receiver.NotifyUrl}}",
                "resource": "communications/presences/{{Alex}}",
                "expirationDateTime": "{{Expiry()}}",
                "includeResourceData": true,
                "encryptionCertificate": "{{certificate}}",
                "encryptionCertificateId": "my-cert",
                "clientState": "secret client state"
            }
            """);
        Assert.Equal(201, r.Status);
        var sub = r.Json;
        Assert.EndsWith("/v1.0/$metadata#subscriptions/$entity", (string)sub["@odata.context"]!);
        Assert.Equal((AppId, "updated", "secret client state", $"communications/presences/{Alex}", "v1_2"),
            ((string)sub["applicationId"]!, (string)sub["changeType"]!, (string)sub["clientState"]!, (string)sub["resource"]!, (string)sub["latestSupportedTlsVersion"]!));
        Assert.Equal("4562bcc8-c436-4f95-b7c0-4f8ce89dca5e", (string)sub["creatorId"]!);
        Assert.Equal("my-cert", (string)sub["encryptionCertificateId"]!);
        // The same URL for both endpoints: "you will receive and respond to two validation requests".
        Assert.Equal(2, _receiver.Handshakes.Count);

        await _f.Control.SetDeviceAsync(Alex, "web", "Busy", "InACall");
        var notification = (await _receiver.WaitForAsync(l => l.Count > 0)).First();
        Assert.Equal(new[] { "validationTokens", "value" }, Keys(notification));
        var item = notification["value"]![0]!.AsObject();
        Assert.Equal(new[] { "changeType", "clientState", "encryptedContent", "organizationId", "resource", "resourceData", "subscriptionExpirationDateTime", "subscriptionId", "tenantId" }, Keys(item));
        Assert.Equal(_f.Connection.TenantId, (string)item["tenantId"]!);
        Assert.Equal(_f.Connection.TenantId, (string)item["organizationId"]!);
        Assert.Equal($"communications/presences/{Alex}", (string)item["resource"]!);
        Assert.Equal($$"""{"@odata.id":"users/{{Alex}}/presence","@odata.type":"#microsoft.graph.presence","id":"{{Alex}}"}""", item["resourceData"]!.ToJsonString());
        var encrypted = item["encryptedContent"]!.AsObject();
        Assert.Equal(new[] { "data", "dataKey", "dataSignature", "encryptionCertificateId", "encryptionCertificateThumbprint" }, Keys(encrypted));
        // "Example: Decrypted notifications with resource data".
        var decrypted = JsonNode.Parse(RichNotification.Decrypt(encrypted, key))!.AsObject();
        Assert.Equal($$"""{"@odata.id":"users/{{Alex}}/presence","@odata.type":"#microsoft.graph.presence","id":"{{Alex}}","availability":"Busy","activity":"InACall"}""", decrypted.ToJsonString());

        // "Example JWT token": aud = the app, iss = sts.windows.net/{tenant}/, appid = the change notification publisher.
        var claims = await RichNotification.ValidateTokenAsync((string)notification["validationTokens"]![0]!, _f.Connection);
        Assert.Equal(AppId, (string)claims["aud"]!);
        Assert.Equal($"https://sts.windows.net/{_f.Connection.TenantId}/", (string)claims["iss"]!);
        Assert.Equal("0bf30f3b-4a52-48df-9a82-234910c4a086", (string)claims["appid"]!);
        Assert.Equal(_f.Connection.TenantId, (string)claims["tid"]!);
        Assert.True((long)claims["exp"]! > (long)claims["nbf"]!);
        await _f.Http.SendAsync("DELETE", $"/subscriptions/{sub["id"]}", token);
    }

    [Fact]
    [Trait("Docs", "changenotifications-for-presence")]
    [Trait("Docs", "change-notifications-delivery-webhooks")]
    public async Task changenotifications_for_presence_multiple_users_basic_notifications_carry_only_the_id()
    {
        var token = await _f.UserTokenAsync("oscarward@contoso.com", "Presence.Read.All");
        var r = await _f.Http.SendAsync("POST", "/subscriptions", token, $$"""
            {
                "changeType": "updated",
                "notificationUrl": "{{_receiver.NotifyUrl}}",
                "resource": "/communications/presences?$filter=id in ('{{Adele}}', '{{Megan}}')",
                "expirationDateTime": "{{Expiry(30)}}",
                "clientState": "secret client state"
            }
            """);
        Assert.Equal(201, r.Status);
        // The validation request: POST, text/plain; charset=utf-8, the token URL-encoded in the query string.
        var (contentType, query) = _receiver.Handshakes.Single();
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.Matches("^\\?validationToken=[^ ]+$", query);
        Assert.Contains("%20", query);

        await _f.Control.SetDeviceAsync(Megan, "mobile", "Busy", "InAMeeting");
        var item = (await _receiver.WaitForAsync(l => l.Count > 0)).First()["value"]![0]!.AsObject();
        Assert.False(item.ContainsKey("encryptedContent"));
        Assert.Equal($$"""{"@odata.id":"users/{{Megan}}/presence","@odata.type":"#microsoft.graph.presence","id":"{{Megan}}"}""", item["resourceData"]!.ToJsonString());
        Assert.Equal("secret client state", (string)item["clientState"]!);
        await _f.Http.SendAsync("DELETE", $"/subscriptions/{r.Json["id"]}", token);
    }

    [Fact]
    [Trait("Docs", "subscription-post-subscriptions")]
    [Trait("Docs", "change-notifications-delivery-webhooks")]
    public async Task subscription_post_subscriptions_refuses_app_only_tokens_and_endpoints_that_fail_validation()
    {
        string Body() => $$"""
            {"changeType":"updated","notificationUrl":"{{_receiver.NotifyUrl}}","resource":"communications/presences/{{Adele}}",
             "expirationDateTime":"{{Expiry()}}","clientState":"x"}
            """;
        // Presence: "Application: Not supported".
        Assert.Equal(403, (await _f.Http.SendAsync("POST", "/subscriptions", await _f.AppTokenAsync(), Body())).Status);
        var token = await _f.UserTokenAsync("a@contoso.com", "Presence.Read.All");
        // "A content type of text/plain": the right token as application/json fails validation.
        _receiver.HandshakeMode = "json";
        var json = await _f.Http.SendAsync("POST", "/subscriptions", token, Body());
        Assert.Equal(400, json.Status);
        Assert.Contains("text/plain", (string)json.Json["error"]!["message"]!);
        _receiver.HandshakeMode = "wrong";
        Assert.Equal(400, (await _f.Http.SendAsync("POST", "/subscriptions", token, Body())).Status);
        _receiver.HandshakeMode = "echo";
        var ok = await _f.Http.SendAsync("POST", "/subscriptions", token, Body());
        Assert.Equal(201, ok.Status);
        await _f.Http.SendAsync("DELETE", $"/subscriptions/{ok.Json["id"]}", token);
    }

    [Fact]
    [Trait("Docs", "subscription-update")]
    [Trait("Docs", "subscription-delete")]
    public async Task subscription_update_renews_and_subscription_delete_removes()
    {
        var token = await _f.UserTokenAsync("ana@contoso.com", "Presence.Read.All");
        var created = await _f.Http.SendAsync("POST", "/subscriptions", token, $$"""
            {"changeType":"updated","notificationUrl":"{{_receiver.NotifyUrl}}","resource":"communications/presences/{{Adele}}",
             "expirationDateTime":"{{Expiry(10)}}","clientState":"x"}
            """);
        var id = (string)created.Json["id"]!;
        var renewed = await _f.Http.SendAsync("PATCH", $"/subscriptions/{id}", token, $$"""{"expirationDateTime": "{{Expiry(55)}}"}""");
        Assert.Equal(200, renewed.Status);
        Assert.Equal(DateTimeOffset.Parse(Expiry(55)), DateTimeOffset.Parse((string)renewed.Json["expirationDateTime"]!));
        Assert.Equal(400, (await _f.Http.SendAsync("PATCH", $"/subscriptions/{id}", token, $$"""{"expirationDateTime": "{{Expiry(61)}}"}""")).Status);
        Assert.Equal(204, (await _f.Http.SendAsync("DELETE", $"/subscriptions/{id}", token)).Status);
        Assert.Equal(404, (await _f.Http.SendAsync("GET", $"/subscriptions/{id}", token)).Status);
    }

    [Fact]
    [Trait("Docs", "change-notifications-lifecycle-events")]
    [Trait("Docs", "subscription-reauthorize")]
    public async Task change_notifications_lifecycle_events_reauthorization_required_then_reauthorize()
    {
        var token = await _f.UserTokenAsync("Adams@contoso.com", "Presence.Read.All");
        var created = await _f.Http.SendAsync("POST", "/subscriptions", token, $$"""
            {"changeType":"updated","notificationUrl":"{{_receiver.NotifyUrl}}","lifecycleNotificationUrl":"{{_receiver.LifecycleUrl}}",
             "resource":"communications/presences/{{Adele}}","expirationDateTime":"{{Expiry()}}","clientState":"state-7"}
            """);
        var id = (string)created.Json["id"]!;
        await _f.Control.SendAsync(HttpMethod.Post, $"/subscriptions/{id}/lifecycle", new { @event = "reauthorizationRequired" });
        var lifecycle = _receiver.Lifecycle.Single()["value"]![0]!.AsObject();
        // "Structure of a lifecycle notification".
        Assert.Equal(new[] { "clientState", "lifecycleEvent", "subscriptionExpirationDateTime", "subscriptionId", "tenantId" }, Keys(lifecycle));
        Assert.Equal((id, "state-7", "reauthorizationRequired", _f.Connection.TenantId),
            ((string)lifecycle["subscriptionId"]!, (string)lifecycle["clientState"]!, (string)lifecycle["lifecycleEvent"]!, (string)lifecycle["tenantId"]!));
        // "Call the /reauthorize action to reauthorize the subscription without extending its expiration date."
        Assert.Equal(204, (await _f.Http.SendAsync("POST", $"/subscriptions/{id}/reauthorize", token, json: null)).Status);
        await _f.Control.SetDeviceAsync(Adele, "web", "DoNotDisturb", "Presenting");
        Assert.NotEmpty(await _receiver.WaitForAsync(l => l.Count > 0));
        await _f.Http.SendAsync("DELETE", $"/subscriptions/{id}", token);
    }
}
