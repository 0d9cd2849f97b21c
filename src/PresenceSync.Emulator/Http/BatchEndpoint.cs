using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// POST /$batch: at most 20 requests; each item is replayed through the emulator's own pipeline
/// (so it is authenticated, permission-checked, throttled and counted on its own) and its status
/// returned inside a 200 answer: a throttled item is a 429 inside, which the SDK does not retry.
/// </summary>
internal static class BatchEndpoint
{
    public const int MaxRequests = 20;

    public static void Map(WebApplication app, EmulatorState s)
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
        var ids = requests.Select(r => (string?)r?["id"]).ToList();
        if (ids.Any(string.IsNullOrEmpty) || ids.Distinct().Count() != ids.Count)
            return GraphErrors.BadRequest("Every batch request needs a unique id.");

        var responses = new JsonArray();
        foreach (var node in requests)
        {
            var item = node!.AsObject();
            responses.Add(await Execute(s, ctx, item));
        }
        return GraphJson.Ok(new JsonObject { ["responses"] = responses });
    }

    private static async Task<JsonObject> Execute(EmulatorState s, HttpContext outer, JsonObject item)
    {
        var id = (string)item["id"]!;
        var method = ((string?)item["method"] ?? "GET").ToUpperInvariant();
        var url = (string?)item["url"] ?? "";
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) url = new Uri(url).PathAndQuery;
        if (url.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase)) url = url[5..];
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{s.BaseUrl}/v1.0/{url.TrimStart('/')}");
        request.Headers.TryAddWithoutValidation("Authorization", outer.Request.Headers.Authorization.ToString());
        if (item["headers"] is JsonObject headers)
            foreach (var (name, value) in headers)
                if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
                    request.Headers.TryAddWithoutValidation(name, (string?)value);
        if (item["body"] is { } itemBody)
        {
            var contentType = (string?)(item["headers"] as JsonObject)?["content-type"] ?? (string?)(item["headers"] as JsonObject)?["Content-Type"] ?? "application/json";
            request.Content = new StringContent(itemBody.ToJsonString(), Encoding.UTF8, contentType.Split(';')[0]);
        }
        using var response = await s.SelfClient.SendAsync(request, outer.RequestAborted);
        var result = new JsonObject { ["id"] = id, ["status"] = (int)response.StatusCode };
        var resultHeaders = new JsonObject();
        if (response.Headers.RetryAfter?.Delta is { } delta) resultHeaders["Retry-After"] = ((int)delta.TotalSeconds).ToString();
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
