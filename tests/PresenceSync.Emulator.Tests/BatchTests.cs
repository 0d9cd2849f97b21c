using System.Net;
using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using Microsoft.Graph.Users.Item.Presence.SetStatusMessage;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using PresenceSync.Emulator.Tests.Infrastructure;
using Xunit;

namespace PresenceSync.Emulator.Tests;

/// <summary>
/// JSON batching beyond the two batching facts of src/PresenceSync.Emulator/README.md#graph-facts (those are in ThrottlingTests): dependsOn
/// sequencing, 424 Failed Dependency, and the batch-level 400s. Driven through the SDK's
/// BatchRequestContentCollection and BatchRequestStep.
/// </summary>
public class BatchTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    public BatchTests(EmulatorFixture f) => _f = f;

    private static async Task<BatchRequestStep> StepAsync(GraphServiceClient client, string id, RequestInformation request, params string[] dependsOn) =>
        new(id, (await client.RequestAdapter.ConvertToNativeRequestAsync<HttpRequestMessage>(request))!, dependsOn.Length == 0 ? null : dependsOn.ToList());

    private static RequestInformation StatusMessage(GraphServiceClient client, string user, string text) =>
        client.Users[user].Presence.SetStatusMessage.ToPostRequestInformation(new SetStatusMessagePostRequestBody
        {
            StatusMessage = new PresenceStatusMessage { Message = new ItemBody { Content = text, ContentType = BodyType.Text } },
        });

    [Fact]
    [Trait("Graph", "$batch: an item with dependsOn runs after the items it names; without dependsOn the order is the server's")]
    public async Task DependsOn_orders_the_items_and_list_order_alone_does_not()
    {
        var client = _f.AdminNoRetry;
        var user = _f.User(2).Id!;

        var chained = new BatchRequestContentCollection(client);
        chained.AddBatchRequestStep(await StepAsync(client, "first", StatusMessage(client, user, "first")));
        chained.AddBatchRequestStep(await StepAsync(client, "second", StatusMessage(client, user, "second"), "first"));
        chained.AddBatchRequestStep(await StepAsync(client, "read", client.Users[user].Presence.ToGetRequestInformation(), "second"));
        var answer = await client.Batch.PostAsync(chained);
        Assert.All((await answer.GetResponsesStatusCodesAsync()).Values, s => Assert.True((int)s is >= 200 and < 300));
        Assert.Equal("second", (await answer.GetResponseByIdAsync<Microsoft.Graph.Models.Presence>("read")).StatusMessage!.Message!.Content);

        // The same three items without dependsOn: Graph may run them in any order, and the emulator
        // deliberately does not follow the list, so the read does not see the writes listed before it.
        var unordered = new BatchRequestContentCollection(client);
        await unordered.AddBatchRequestStepAsync(StatusMessage(client, user, "third"), "w1");
        await unordered.AddBatchRequestStepAsync(StatusMessage(client, user, "fourth"), "w2");
        await unordered.AddBatchRequestStepAsync(client.Users[user].Presence.ToGetRequestInformation(), "read");
        var loose = await client.Batch.PostAsync(unordered);
        Assert.Equal("second", (await loose.GetResponseByIdAsync<Microsoft.Graph.Models.Presence>("read")).StatusMessage!.Message!.Content);
    }

    [Fact]
    [Trait("Graph", "$batch: if an individual request fails, any request that depends on it fails with 424 Failed Dependency")]
    public async Task Items_depending_on_a_failed_item_answer_424_and_are_not_run()
    {
        var client = _f.AdminNoRetry;
        var user = _f.User(3).Id!;
        await _f.Control.SetDeviceAsync(user, "desktop", "Available", "Available");
        await _f.Control.ResetStatsAsync();
        var batch = new BatchRequestContentCollection(client);
        // Busy/Busy is not a setPresence pair: 400.
        batch.AddBatchRequestStep(await StepAsync(client, "bad", client.Users[user].Presence.SetPresence.ToPostRequestInformation(
            new SetPresencePostRequestBody { SessionId = _f.Connection.ClientId, Availability = "Busy", Activity = "Busy" })));
        batch.AddBatchRequestStep(await StepAsync(client, "after", client.Users[user].Presence.SetPresence.ToPostRequestInformation(
            new SetPresencePostRequestBody { SessionId = _f.Connection.ClientId, Availability = "DoNotDisturb", Activity = "Presenting" }), "bad"));
        batch.AddBatchRequestStep(await StepAsync(client, "chain", client.Users[user].Presence.ToGetRequestInformation(), "after"));
        batch.AddBatchRequestStep(await StepAsync(client, "free", client.Users[user].Presence.ToGetRequestInformation()));

        var answer = await client.Batch.PostAsync(batch);
        var statuses = await answer.GetResponsesStatusCodesAsync();
        Assert.Equal(HttpStatusCode.BadRequest, statuses["bad"]);
        Assert.Equal((HttpStatusCode)424, statuses["after"]);
        Assert.Equal((HttpStatusCode)424, statuses["chain"]);
        Assert.Equal(HttpStatusCode.OK, statuses["free"]);
        var e = await Assert.ThrowsAsync<ServiceException>(() => answer.GetResponseByIdAsync<Microsoft.Graph.Models.Presence>("chain"));
        Assert.Equal(424, e.ResponseStatusCode);
        Assert.Contains("FailedDependency", e.RawResponseBody);

        // The dependent write was never run: one setPresence reached the emulator, and the user is still Available.
        Assert.Equal(1, await _f.Control.RequestsAsync("POST /users/{id}/presence/setPresence", atLeast: 1));
        Assert.Equal("Available", (await client.Users[user].Presence.GetAsync())!.Availability);
    }

    [Theory]
    [Trait("Graph", "$batch: a malformed batch (unknown dependsOn id, dependency cycle, duplicate id in any case) is 400 as a whole")]
    [InlineData("""{"id":"1","method":"GET","url":"/users/U"},{"id":"2","method":"GET","url":"/users/U","dependsOn":["9"]}""")]
    [InlineData("""{"id":"1","method":"GET","url":"/users/U","dependsOn":["2"]},{"id":"2","method":"GET","url":"/users/U","dependsOn":["1"]}""")]
    [InlineData("""{"id":"a","method":"GET","url":"/users/U"},{"id":"A","method":"GET","url":"/users/U"}""")]
    public async Task Malformed_batch_is_400(string requests)
    {
        // The SDK refuses these client-side, so the raw body goes through the SDK's request adapter.
        var body = $"{{\"requests\":[{requests.Replace("/users/U", "/users/" + _f.User(1).Id)}]}}";
        var info = new RequestInformation(Method.POST, "{+baseurl}/$batch", new Dictionary<string, object>());
        info.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)), "application/json");
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.AdminNoRetry.RequestAdapter.SendNoContentAsync(info,
            new Dictionary<string, ParsableFactory<IParsable>> { ["XXX"] = ODataError.CreateFromDiscriminatorValue }));
        Assert.Equal(400, e.ResponseStatusCode);
    }
}
