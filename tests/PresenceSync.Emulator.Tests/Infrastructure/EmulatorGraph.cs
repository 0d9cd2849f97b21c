using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using PresenceSync.Emulator;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>
/// The recipe for pointing the official SDKs at the emulator (the engine copies it):
/// 1. an HttpClient whose handler trusts exactly the emulator certificate (thumbprint pin);
/// 2. Azure.Identity credential with AuthorityHost = emulator, DisableInstanceDiscovery = true,
///    Transport = HttpClientTransport(that HttpClient);
/// 3. AzureIdentityAuthenticationProvider with "127.0.0.1" in its allowed hosts (otherwise the
///    token is silently not attached);
/// 4. GraphServiceClient(httpClient built by GraphClientFactory with the pinned final handler,
///    provider, Connection.GraphBaseUrl).
/// </summary>
public static class EmulatorGraph
{
    public const string GraphScope = "https://graph.microsoft.com/.default";

    public static HttpMessageHandler PinnedHandler(EmulatorConnection c) => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            cert is not null && string.Equals(cert.Thumbprint, c.CertificateThumbprint, StringComparison.OrdinalIgnoreCase),
    };

    public static HttpClient PinnedHttpClient(EmulatorConnection c) => new(PinnedHandler(c));

    public static T Configure<T>(T options, EmulatorConnection c) where T : TokenCredentialOptions
    {
        options.AuthorityHost = new Uri(c.AuthorityHost);
        options.Transport = new HttpClientTransport(PinnedHttpClient(c));
        options.Retry.MaxRetries = 0;
        return options;
    }

    public static ClientSecretCredential SecretCredential(EmulatorConnection c, string? clientId = null, string? secret = null, string? tenantId = null) =>
        new(tenantId ?? c.TenantId, clientId ?? c.ClientId, secret ?? c.ClientSecret,
            Configure(new ClientSecretCredentialOptions { DisableInstanceDiscovery = true }, c));

    public static ClientCertificateCredential CertificateCredential(EmulatorConnection c, string clientId, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        new(c.TenantId, clientId, certificate, Configure(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = true }, c));

    /// <summary>Device code sign-in; the callback approves the code through the control API as the given user.</summary>
    public static DeviceCodeCredential DeviceCodeCredential(EmulatorConnection c, ControlClient control, string userPrincipalName, string? clientId = null) =>
        new(Configure(new DeviceCodeCredentialOptions
        {
            DisableInstanceDiscovery = true,
            TenantId = c.TenantId,
            ClientId = clientId ?? c.ClientId,
            DeviceCodeCallback = (info, ct) => control.ApproveDeviceCodeAsync(info.UserCode, userPrincipalName),
        }, c));

    /// <summary>
    /// A GraphServiceClient for the emulator. Without maxRetry/delaySeconds the SDK's default retry
    /// handler stays (429/503/504, 3 retries, 3 s base delay); maxRetry 0 turns those retries off.
    /// allowedHosts defaults to the emulator's host: without it the SDK sends no token.
    /// </summary>
    public static GraphServiceClient Client(EmulatorConnection c, TokenCredential credential, int? maxRetry = null,
        int? delaySeconds = null, string[]? allowedHosts = null, TimeSpan? timeout = null)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        if (maxRetry is not null || delaySeconds is not null)
        {
            var option = new RetryHandlerOption { MaxRetry = maxRetry ?? 3, Delay = delaySeconds ?? 3 };
            for (var i = 0; i < handlers.Count; i++)
                if (handlers[i] is RetryHandler) handlers[i] = new RetryHandler(option);
        }
        var http = GraphClientFactory.Create(handlers, finalHandler: PinnedHandler(c));
        if (timeout is { } t) http.Timeout = t;
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts ?? new[] { "127.0.0.1" }, null, false, GraphScope);
        return new GraphServiceClient(http, auth, c.GraphBaseUrl);
    }

    public static GraphServiceClient AdminClient(EmulatorConnection c, int? maxRetry = null) => Client(c, SecretCredential(c), maxRetry);

    /// <summary>A bearer token of the admin app, for tests that send a docs example as raw HTTP (the test is the client there).</summary>
    public static async Task<string> AdminTokenAsync(EmulatorConnection c) =>
        (await SecretCredential(c).GetTokenAsync(new TokenRequestContext(new[] { GraphScope }), default)).Token;
}
