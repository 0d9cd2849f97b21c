using System.Text.Json.Nodes;
using Azure.Core;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>The verification URI a device-code sign-in prints is served: a page where the code is entered, as at microsoft.com/devicelogin.</summary>
public class DeviceLoginPageTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public DeviceLoginPageTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task The_printed_verification_uri_opens_a_page_that_completes_the_sign_in()
    {
        using var browser = EmulatorGraph.PinnedHttpClient(_f.Connection);
        string? verificationUri = null;
        var signedIn = new TaskCompletionSource();
        var credential = new Azure.Identity.DeviceCodeCredential(EmulatorGraph.Configure(new Azure.Identity.DeviceCodeCredentialOptions
        {
            DisableInstanceDiscovery = true, TenantId = _f.Connection.TenantId, ClientId = _f.Connection.ClientId,
            DeviceCodeCallback = async (info, ct) =>
            {
                verificationUri = info.VerificationUri.ToString();
                // What a person does: open the page, enter the code, sign in.
                var page = await browser.GetAsync(verificationUri, ct);
                Assert.Equal(200, (int)page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
                Assert.Contains("name=\"code\"", await page.Content.ReadAsStringAsync(ct));
                var posted = await browser.PostAsync(verificationUri, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["code"] = info.UserCode, ["user"] = _f.User(1).UserPrincipalName!, ["action"] = "approve",
                }), ct);
                Assert.Equal(200, (int)posted.StatusCode);
                Assert.Contains("Signed in as", await posted.Content.ReadAsStringAsync(ct));
            },
        }, _f.Connection));
        var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { EmulatorGraph.GraphScope }), default);
        Assert.False(string.IsNullOrEmpty(token.Token));
        Assert.StartsWith(_f.Connection.AuthorityHost, verificationUri);

        // A wrong code is refused on the page, not silently accepted.
        var wrong = await browser.PostAsync(verificationUri, new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "NOPE", ["user"] = "x" }));
        Assert.Equal(404, (int)wrong.StatusCode);
    }
}
