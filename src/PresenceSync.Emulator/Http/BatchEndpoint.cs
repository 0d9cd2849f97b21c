using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// POST /$batch: at most 20 requests with unique ids (case-insensitive). Each item is replayed
/// through the emulator's own pipeline (so it is authenticated, permission-checked, throttled and
/// counted on its own) and its status returned inside a 200 answer: a throttled item is a 429
/// inside, which the SDK does not retry.
/// Order: Graph may run independent items in any order, so the emulator deliberately does not
/// follow the list: ready items run last-listed first, and responses come back in execution
/// order. An item with dependsOn runs only after every item it names; if one of them did not
/// succeed (non-2xx, or itself 424) the item is not run and answers 424 Failed Dependency.
/// dependsOn naming an unknown id, the item itself, or a cycle makes the whole batch 400.
/// </summary>
internal static class BatchEndpoint
{
    public const int MaxRequests = 20;

    public static void Map(IEndpointRouteBuilder app, EmulatorState s)
    {
        app.MapPost("/v1.0/$batch", (HttpContext ctx, CancellationToken ct) => Handle(s, ctx))
            .Graph(new("POST /$batch", Array.Empty<string>(), Array.Empty<string>(), AnyCaller: true));
    }

    private static async Task<IResult> Handle(EmulatorState s, HttpContext ctx)
    {
        var body = await GraphJson.ReadObject(ctx);
        if (body?["requests"] is not JsonArray requests) return GraphErrors.InvalidBody();
        if (requests.Count == 0) return GraphErrors.BadRequest("The batch request must contain at least one request.");
        if (requests.Count > MaxRequests)
            return GraphErrors.Result(400, "BadRequest", $"Number of batch request steps exceeds the limit of {MaxRequests}.");
        if (requests.Any(r => r is not JsonObject)) return GraphErrors.InvalidBody();
        var items = requests.Select(r => r!.AsObject()).ToList();
        var ids = items.Select(r => (string?)r["id"]).ToList();
        if (ids.Any(string.IsNullOrEmpty) || ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count)
            return GraphErrors.BadRequest("Every batch request needs a unique id.");
        if (Dependencies(items, out var problem) is not { } dependsOn) return GraphErrors.BadRequest(problem!);
        // "When a body is included with the request, the headers object must contain a value for Content-Type."
        if (items.FirstOrDefault(i => i["body"] is not null && ItemContentType(i) is null) is { } bare)
            return GraphErrors.BadRequest($"Request '{Id(bare)}' has a body but no Content-Type header.");

        var statuses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var responses = new JsonArray();
        while (statuses.Count < items.Count)
        {
            // Last-listed ready item first: a client that relies on list order instead of dependsOn finds out here.
            var item = items.Last(i => !statuses.ContainsKey(Id(i)) && dependsOn[Id(i)].All(statuses.ContainsKey));
            var id = Id(item);
            var failed = dependsOn[id].FirstOrDefault(d => statuses[d] is < 200 or >= 300);
            var response = failed is null ? await Execute(s, ctx, item) : FailedDependency(ctx, id, failed);
            statuses[id] = (int)response["status"]!;
            responses.Add(response);
        }
        return GraphJson.Ok(new JsonObject { ["responses"] = responses });
    }

    private static string Id(JsonObject item) => (string)item["id"]!;

    /// <summary>Each item's dependsOn ids (canonical spelling); null with a message when one is unknown, itself, or part of a cycle.</summary>
    private static Dictionary<string, List<string>>? Dependencies(List<JsonObject> items, out string? problem)
    {
        problem = null;
        var canonical = items.ToDictionary(Id, Id, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var list = new List<string>();
            if (item["dependsOn"] is JsonArray names)
                foreach (var name in names.Select(n => (string?)n))
                {
                    if (name is null || !canonical.TryGetValue(name, out var target))
                    {
                        problem = $"Request '{Id(item)}' depends on '{name}', which is not in the batch.";
                        return null;
                    }
                    if (string.Equals(target, Id(item), StringComparison.OrdinalIgnoreCase))
                    {
                        problem = $"Request '{Id(item)}' cannot depend on itself.";
                        return null;
                    }
                    list.Add(target);
                }
            else if (item["dependsOn"] is not null)
            {
                problem = $"dependsOn of request '{Id(item)}' must be an array of request ids.";
                return null;
            }
            result[Id(item)] = list;
        }
        // Kahn's algorithm: if not every item can be ordered, the dependencies form a cycle.
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (done.Count < items.Count)
        {
            var next = result.Keys.FirstOrDefault(k => !done.Contains(k) && result[k].All(done.Contains));
            if (next is null)
            {
                problem = "The dependsOn relations of the batch requests form a cycle.";
                return null;
            }
            done.Add(next);
        }
        return result;
    }

    private static string? ItemContentType(JsonObject item) =>
        (string?)(item["headers"] as JsonObject)?.FirstOrDefault(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject ItemError(HttpContext outer, string id, int status, string code, string message) => new()
    {
        ["id"] = id,
        ["status"] = status,
        ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        ["body"] = GraphErrors.Body(outer, code, message),
    };

    private static JsonObject FailedDependency(HttpContext outer, string id, string dependency) => new()
    {
        ["id"] = id,
        ["status"] = 424,
        ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        ["body"] = GraphErrors.Body(outer, "FailedDependency", $"The request was not run because request '{dependency}', on which it depends, failed."),
    };

    private static async Task<JsonObject> Execute(EmulatorState s, HttpContext outer, JsonObject item)
    {
        var id = Id(item);
        var method = ((string?)item["method"] ?? "GET").ToUpperInvariant();
        var url = (string?)item["url"] ?? "";
        // "The relative resource URL for the individual request": /users, not https://graph.microsoft.com/v1.0/users.
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return ItemError(outer, id, 400, "BadRequest", $"The url of request '{id}' must be relative to the version, for example /users.");
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{s.BaseUrl}/v1.0/{url.TrimStart('/')}");
        // Items are authorized by the batch's own token. The SDK's ConvertToNativeRequestAsync (the
        // documented way to build a BatchRequestStep) also writes an Authorization header into the
        // item; Graph accepts that, and so does the emulator, which ignores it.
        request.Headers.TryAddWithoutValidation("Authorization", outer.Request.Headers.Authorization.ToString());
        if (item["headers"] is JsonObject headers)
            foreach (var (name, value) in headers)
                if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase) && !name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                    request.Headers.TryAddWithoutValidation(name, (string?)value);
        if (item["body"] is { } itemBody)
        {
            request.Content = new StringContent(itemBody.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ItemContentType(item));
        }
        using var response = await s.SelfClient.SendAsync(request, outer.RequestAborted);
        var result = new JsonObject { ["id"] = id, ["status"] = (int)response.StatusCode };
        var resultHeaders = new JsonObject();
        // As sent (a fractional "2.128" is not a valid RetryConditionHeaderValue, so read it unvalidated).
        if (response.Headers.NonValidated.TryGetValues("Retry-After", out var retryAfter)) resultHeaders["Retry-After"] = retryAfter.ToString();
        if (response.Content.Headers.ContentType is { } ct) resultHeaders["Content-Type"] = ct.ToString();
        result["headers"] = resultHeaders;
        var text = await response.Content.ReadAsStringAsync();
        if (!string.IsNullOrWhiteSpace(text))
        {
            try { result["body"] = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { result["body"] = text; }
        }
        return result;
    }
}
