using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PresenceSync.Emulator;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>src/PresenceSync.Emulator/README.md#graph-facts, "Throttling and batching".</summary>
public class ThrottlingTests : IClassFixture<SmallBudgetFixture>
{
    private readonly SmallBudgetFixture _f;
    public ThrottlingTests(SmallBudgetFixture f) => _f = f;

    /// <summary>Each test starts with a fresh budget window.</summary>
    private Task FreshWindowAsync() => _f.Control.AdvanceAsync(TimeSpan.FromSeconds(31));

    [Fact]
    [Trait("Fact", "presence budget: per application per tenant, N requests per 30 s (1,500 by default, configurable); over budget: 429 with Retry-After (seconds)")]
    public async Task Presence_budget_is_per_app_and_answers_429_with_retry_after()
    {
        // Graph's 1,500 per 30 s is the default; this fixture configures 10.
        Assert.Equal((1500, TimeSpan.FromSeconds(30)), (new EmulatorOptions().PresenceBudgetPerWindow, new EmulatorOptions().BudgetWindow));
        Assert.Equal(10, (int)(await _f.Control.GetAsync("/throttling"))["limit"]!);
        await FreshWindowAsync();
        var client = _f.AdminNoRetry;
        var user = _f.User(1).Id;
        for (var i = 0; i < 10; i++) await client.Users[user].Presence.GetAsync();
        var e = await Assert.ThrowsAsync<ODataError>(() => client.Users[user].Presence.GetAsync());
        Assert.Equal(429, e.ResponseStatusCode);
        Assert.Equal("TooManyRequests", e.Error!.Code);
        var retryAfter = int.Parse(e.ResponseHeaders["Retry-After"].Single());
        Assert.InRange(retryAfter, 1, 30);

        // Another app has its own budget.
        var (app, secret) = await AppRegistration.RegisterAsync(_f.Admin, "other", new[] { "Presence.Read.All" });
        var other = EmulatorGraph.Client(_f.Connection, EmulatorGraph.SecretCredential(_f.Connection, app.AppId, secret), maxRetry: 0);
        await other.Users[user].Presence.GetAsync();

        // Directory calls do not draw on the presence budget.
        await client.Users.GetAsync();

        await _f.Control.AdvanceAsync(TimeSpan.FromSeconds(retryAfter));
        await _f.AdminNoRetry.Users[user].Presence.GetAsync();
    }

    [Fact]
    [Trait("Fact", "a getPresencesByUserId call with 650 ids counts once: reading costs ceil(N/650) requests per pass")]
    public async Task Reading_many_users_costs_one_request_per_650()
    {
        await FreshWindowAsync();
        await _f.Control.ResetStatsAsync();
        var ids = _f.Users.Select(u => u.Id!).ToList();
        await _f.AdminNoRetry.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(new GetPresencesByUserIdPostRequestBody { Ids = ids });
        Assert.Equal(1, await _f.Control.RequestsAsync("POST /communications/getPresencesByUserId", atLeast: 1));
        Assert.Equal(9, _f.Emulator.State.Budget.Remaining(Guid.Parse(_f.Connection.ClientId)));
    }

    [Fact]
    [Trait("Fact", "SDK retry: the Graph .NET SDK (Kiota) retries 429/503/504 up to 3 times by default")]
    public async Task Sdk_retries_a_429_honouring_retry_after()
    {
        await FreshWindowAsync();
        await _f.Control.AddFaultAsync(new { kind = "throttle", count = 1, retryAfterSeconds = 1, pathContains = "/presence" });
        var p = await _f.Admin.Users[_f.User(2).Id].Presence.GetAsync();
        Assert.NotNull(p);
    }

    [Fact]
    [Trait("Fact", "$batch: at most 20 requests")]
    public async Task Batch_with_more_than_20_requests_is_400()
    {
        await FreshWindowAsync();
        var client = _f.AdminNoRetry;
        // The SDK refuses a 21st step client-side, so the raw batch body goes through the SDK's request adapter.
        var requests = string.Join(",", Enumerable.Range(1, 21).Select(i => $"{{\"id\":\"{i}\",\"method\":\"GET\",\"url\":\"/users/{_f.User(1).Id}\"}}"));
        var info = new RequestInformation(Method.POST, "{+baseurl}/$batch", new Dictionary<string, object>());
        info.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"requests\":[{requests}]}}")), "application/json");
        var e = await Assert.ThrowsAsync<ODataError>(() => client.RequestAdapter.SendNoContentAsync(info,
            new Dictionary<string, Microsoft.Kiota.Abstractions.Serialization.ParsableFactory<Microsoft.Kiota.Abstractions.Serialization.IParsable>>
            { ["XXX"] = ODataError.CreateFromDiscriminatorValue }));
        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    [Trait("Fact", "$batch: each item is throttled on its own: the batch answers 200 with 429 items inside, which the SDK does not retry")]
    public async Task Batch_items_are_throttled_one_by_one_inside_a_200()
    {
        await FreshWindowAsync();
        var client = _f.Admin;
        var batch = new BatchRequestContentCollection(client);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
            ids.Add(await batch.AddBatchRequestStepAsync(client.Users[_f.User(1 + i).Id].Presence.ToGetRequestInformation()));
        await _f.Control.ResetStatsAsync();
        var response = await client.Batch.PostAsync(batch);
        var statuses = await response.GetResponsesStatusCodesAsync();
        Assert.Equal(10, ids.Count(id => (int)statuses[id] == 200));
        Assert.Equal(2, ids.Count(id => (int)statuses[id] == 429));
        // The client retries 429s (default RetryHandler), yet not inside a batch: each item reached the emulator once.
        Assert.Equal(1, await _f.Control.RequestsAsync("POST /$batch", atLeast: 1));
        Assert.Equal(12, await _f.Control.RequestsAsync("GET /users/{id}/presence", atLeast: 12));
        var ok = ids.Select((id, i) => (id, i)).First(x => (int)statuses[x.id] == 200);
        var presence = await response.GetResponseByIdAsync<Microsoft.Graph.Models.Presence>(ok.id);
        Assert.Equal(_f.User(1 + ok.i).Id, presence.Id);
    }
}
