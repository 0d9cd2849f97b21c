using System.Text.Json.Nodes;
using Xunit;
using static PresenceSync.Emulator.Tests.Conformance.DocsFixture;

namespace PresenceSync.Emulator.Tests.Conformance;

/// <summary>
/// The examples of learn.microsoft.com/graph/json-batching, graph/throttling (the sample 429),
/// graph/throttling-limits (presence) and graph/errors, sent as raw HTTP: their subject is the wire format.
/// </summary>
public class BatchThrottlingErrorDocs : IClassFixture<DocsFixture>
{
    private readonly DocsFixture _f;
    public BatchThrottlingErrorDocs(DocsFixture f) => _f = f;

    private static JsonObject Response(DocsResponse batch, string id) =>
        batch.Json["responses"]!.AsArray().Single(r => (string?)r!["id"] == id)!.AsObject();

    private async Task WithBudgetAsync(int limit, Func<Task> test)
    {
        await _f.Control.AdvanceAsync(TimeSpan.FromSeconds(31));
        await _f.Control.SendAsync(HttpMethod.Put, "/throttling", new { limit, windowSeconds = 30 });
        try { await test(); }
        finally
        {
            await _f.Control.SendAsync(HttpMethod.Put, "/throttling", new { limit = 1500, windowSeconds = 30, fractionalRetryAfter = false });
        }
    }

    [Fact]
    [Trait("Docs", "json-batching")]
    public async Task json_batching_example_answers_each_request_inside_one_200()
    {
        var r = await _f.Http.SendAsync("POST", "/$batch", await _f.AppTokenAsync(), $$"""
            {
              "requests": [
                { "id": "1", "method": "GET", "url": "/me" },
                { "id": "2", "method": "GET", "url": "/users/{{Adele}}/presence" },
                { "id": "3", "url": "/communications/getPresencesByUserId", "method": "POST",
                  "body": { "ids": ["{{Alex}}"] }, "headers": { "Content-Type": "application/json" } },
                { "id": "5", "url": "users?$select=id,displayName,userPrincipalName&$filter=startswith(displayName,'a')&$count=true",
                  "method": "GET", "headers": { "ConsistencyLevel": "eventual" } }
              ]
            }
            """, "application/json", ("Accept", "application/json"));
        Assert.Equal(200, r.Status);
        Assert.Equal(4, r.Json["responses"]!.AsArray().Count);
        // An app token under /me: the item fails, the batch does not.
        Assert.Equal(400, (int)Response(r, "1")["status"]!);
        Assert.Equal(200, (int)Response(r, "2")["status"]!);
        Assert.Equal(Adele, (string?)Response(r, "2")["body"]!["id"]);
        Assert.StartsWith("application/json", (string?)Response(r, "2")["headers"]!["Content-Type"]);
        Assert.Equal(Alex, (string?)Response(r, "3")["body"]!["value"]![0]!["id"]);
        Assert.Equal(4, (int)Response(r, "5")["body"]!["@odata.count"]!);
    }

    [Fact]
    [Trait("Docs", "json-batching")]
    public async Task json_batching_refuses_a_malformed_batch_with_400()
    {
        var token = await _f.AppTokenAsync();
        string Get(string id) => $$"""{ "id": "{{id}}", "method": "GET", "url": "/users/{{Adele}}" }""";
        // "When a body is included with the request, the headers object must contain a value for Content-Type."
        Assert.Equal(400, (await _f.Http.SendAsync("POST", "/$batch", token,
            "{\"requests\":[{\"id\":\"1\",\"method\":\"POST\",\"url\":\"/communications/getPresencesByUserId\",\"body\":{\"ids\":[\"" + Adele + "\"]}}]}")).Status);
        // "Microsoft Graph supports batching up to 20 requests."
        Assert.Equal(400, (await _f.Http.SendAsync("POST", "/$batch", token, $$"""{"requests":[{{string.Join(",", Enumerable.Range(1, 21).Select(i => Get(i.ToString())))}}]}""")).Status);
        Assert.Equal(200, (await _f.Http.SendAsync("POST", "/$batch", token, $$"""{"requests":[{{string.Join(",", Enumerable.Range(1, 20).Select(i => Get(i.ToString())))}}]}""")).Status);
        // id: "Not case-sensitive. Must be unique in the batch".
        Assert.Equal(400, (await _f.Http.SendAsync("POST", "/$batch", token, $$"""{"requests":[{{Get("a")}},{{Get("A")}}]}""")).Status);
        // The outer request is a JSON POST too.
        Assert.Equal(400, (await _f.Http.SendAsync("POST", "/$batch", token, $$"""{"requests":[{{Get("1")}}]}""", contentType: null)).Status);
        // url: "The relative resource URL": an absolute one fails that request.
        var absolute = await _f.Http.SendAsync("POST", "/$batch", token,
            $$"""{"requests":[{ "id": "1", "method": "GET", "url": "https://graph.microsoft.com/v1.0/users/{{Adele}}" }]}""");
        Assert.Equal(400, (int)Response(absolute, "1")["status"]!);
    }

    [Fact]
    [Trait("Docs", "json-batching")]
    public async Task json_batching_depends_on_gives_424_when_the_request_it_depends_on_fails()
    {
        var r = await _f.Http.SendAsync("POST", "/$batch", await _f.AppTokenAsync(), $$"""
            {"requests":[
              { "id": "1", "method": "GET", "url": "/users/{{Guid.NewGuid()}}" },
              { "id": "2", "dependsOn": [ "1" ], "method": "GET", "url": "/users/{{Adele}}" }
            ]}
            """);
        Assert.Equal(404, (int)Response(r, "1")["status"]!);
        Assert.Equal(424, (int)Response(r, "2")["status"]!);
    }

    [Fact]
    [Trait("Docs", "json-batching")]
    [Trait("Docs", "throttling")]
    public Task json_batching_throttles_each_request_on_its_own_429_inside_a_200() => WithBudgetAsync(2, async () =>
    {
        var r = await _f.Http.SendAsync("POST", "/$batch", await _f.AppTokenAsync(), $$"""
            {"requests":[
              { "id": "1", "method": "GET", "url": "/users/{{Adele}}/presence" },
              { "id": "2", "dependsOn": [ "1" ], "method": "GET", "url": "/users/{{Alex}}/presence" },
              { "id": "3", "dependsOn": [ "2" ], "method": "GET", "url": "/users/{{Megan}}/presence" }
            ]}
            """);
        Assert.Equal(200, r.Status);
        Assert.Equal((200, 200), ((int)Response(r, "1")["status"]!, (int)Response(r, "2")["status"]!));
        var throttled = Response(r, "3");
        Assert.Equal(429, (int)throttled["status"]!);
        Assert.Equal("30", (string?)throttled["headers"]!["Retry-After"]);
    });

    [Fact]
    [Trait("Docs", "throttling")]
    [Trait("Docs", "throttling-limits")]
    public Task throttling_sample_response_and_a_fractional_retry_after() => WithBudgetAsync(1, async () =>
    {
        var token = await _f.AppTokenAsync();
        Assert.Equal(200, (await _f.Http.SendAsync("GET", $"/users/{Adele}/presence", token)).Status);
        var r = await _f.Http.SendAsync("GET", $"/users/{Adele}/presence", token);
        // "Sample response": 429, Content-Type application/json, Retry-After, TooManyRequests with innerError code and status "429".
        Assert.Equal(429, r.Status);
        Assert.Equal("application/json", r.MediaType);
        Assert.Equal("30", r.Header("Retry-After"));
        var error = r.Json["error"]!;
        Assert.Equal(("TooManyRequests", "Please retry again later."), ((string)error["code"]!, (string)error["message"]!));
        Assert.Equal(("429", "429", "Please retry after"), ((string)error["innerError"]!["code"]!, (string)error["innerError"]!["status"]!, (string)error["innerError"]!["message"]!));
        Assert.NotNull(error["innerError"]!["request-id"]);
        // The page's own sample says "Retry-After: 2.128": Graph sends fractions; the emulator can too.
        await _f.Control.SendAsync(HttpMethod.Put, "/throttling", new { fractionalRetryAfter = true });
        await _f.Control.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal("29.5", (await _f.Http.SendAsync("GET", $"/users/{Adele}/presence", token)).Header("Retry-After"));
    });

    [Fact]
    [Trait("Docs", "errors")]
    public async Task errors_have_graphs_error_resource_shape()
    {
        var clientRequestId = Guid.NewGuid().ToString();
        var r = await _f.Http.SendAsync("GET", $"/users/{Guid.NewGuid()}", await _f.AppTokenAsync(), json: null, contentType: null, ("client-request-id", clientRequestId));
        Assert.Equal(404, r.Status);
        var error = r.Json["error"]!.AsObject();
        Assert.Equal(new[] { "code", "innerError", "message" }, error.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("Request_ResourceNotFound", (string)error["code"]!);
        Assert.Equal(clientRequestId, (string)error["innerError"]!["client-request-id"]!);
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", (string)error["innerError"]!["date"]!);
        Assert.Equal(r.Header("request-id"), (string)error["innerError"]!["request-id"]!);
        // 401 without a token, 403 without the permission, 400 for a malformed request.
        Assert.Equal((401, "InvalidAuthenticationToken"), ((await _f.Http.SendAsync("GET", "/users", null)) is var u ? (u.Status, (string)u.Json["error"]!["code"]!) : default));
        Assert.Equal(400, (await _f.Http.SendAsync("GET", "/users?$top=1000", await _f.AppTokenAsync())).Status);
    }
}
