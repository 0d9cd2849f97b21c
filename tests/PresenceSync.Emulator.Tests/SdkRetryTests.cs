using System.Diagnostics;
using Microsoft.Graph.Models.ODataErrors;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// src/PresenceSync.Emulator/README.md#graph-facts, "Throttling and batching" (SDK retry, over budget): what the Graph SDK's default RetryHandler does
/// with the emulator's 429/503/504 answers. Injected faults answer before the presence budget, and
/// a directory read is used, so the budget plays no part.
/// </summary>
public class SdkRetryTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public SdkRetryTests(EmulatorFixture f) => _f = f;

    private string UserPath(int n) => "/users/" + _f.User(n).Id;

    [Theory]
    [Trait("Fact", "SDK retry: the Graph .NET SDK (Kiota) retries 429/503/504 up to 3 times by default")]
    [InlineData("throttle", 429, 1)]
    [InlineData("serverError", 503, 2)]
    [InlineData("serverError", 504, 3)]
    public async Task Default_client_retries_three_times_then_gives_up(string kind, int status, int user)
    {
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection)); // the SDK's default handlers
        var key = "GET /users/{id}";
        // Retry-After: 0 keeps the test fast; the SDK honours it.
        await _f.Control.AddFaultAsync(new { kind, status, count = 3, retryAfterSeconds = 0, pathContains = UserPath(user) });
        var before = await _f.Control.RequestsAsync(key);
        Assert.Equal(_f.User(user).Id, (await client.Users[_f.User(user).Id].GetAsync())!.Id);
        Assert.Equal(before + 4, await _f.Control.RequestsAsync(key, atLeast: before + 4));

        await _f.Control.AddFaultAsync(new { kind, status, count = 4, retryAfterSeconds = 0, pathContains = UserPath(user) });
        before = await _f.Control.RequestsAsync(key);
        // After the third retry Kiota gives up with "Too many retries performed", carrying each attempt's status.
        var e = await Assert.ThrowsAsync<AggregateException>(() => client.Users[_f.User(user).Id].GetAsync());
        Assert.Equal(4, e.InnerExceptions.Count);
        Assert.All(e.InnerExceptions, inner => Assert.Equal(status, ((Microsoft.Kiota.Abstractions.ApiException)inner).ResponseStatusCode));
        Assert.Equal(before + 4, await _f.Control.RequestsAsync(key, atLeast: before + 4));
        await _f.Control.ClearFaultsAsync();
    }

    [Fact]
    [Trait("Fact", "over budget: 429 with Retry-After (seconds); without it, exponential backoff")]
    public async Task Without_retry_after_the_sdk_backs_off_exponentially()
    {
        // Base delay 1 s: Kiota waits 2^attempt x 1 s when no Retry-After comes (1 s, then 2 s).
        var client = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection), maxRetry: 3, delaySeconds: 1);
        await client.Users[_f.User(4).Id].GetAsync();
        await _f.Control.AddFaultAsync(new { kind = "throttle", count = 2, retryAfterSeconds = (int?)null, pathContains = UserPath(4) });
        var noHeader = await Assert.ThrowsAsync<ODataError>(() => _f.AdminNoRetry.Users[_f.User(4).Id].GetAsync());
        Assert.Equal(429, noHeader.ResponseStatusCode);
        Assert.False(noHeader.ResponseHeaders.ContainsKey("Retry-After"));

        var watch = Stopwatch.StartNew();
        Assert.NotNull(await client.Users[_f.User(4).Id].GetAsync());
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"The SDK retried after {watch.ElapsedMilliseconds} ms.");
        await _f.Control.ClearFaultsAsync();
    }
}
