using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Http;

/// <summary>Small helpers shared by the Graph endpoint classes.</summary>
internal static class GraphJson
{
    public const string ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    public static IResult Ok(JsonNode body, int status = 200) =>
        Results.Content(body.ToJsonString(), ContentType, null, status);

    public static CallerContext Caller(HttpContext ctx) => (CallerContext)ctx.Items[typeof(CallerContext)]!;

    /// <summary>Reads the body as a JSON object; null when it is missing or not JSON.</summary>
    public static async Task<JsonObject?> ReadObject(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");

    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i!).ToArray());

    /// <summary>Applies $select (comma-separated, case-insensitive); the id is always kept, as Graph does.</summary>
    public static JsonObject Select(JsonObject full, string? select, IReadOnlyCollection<string> defaults)
    {
        var names = string.IsNullOrWhiteSpace(select)
            ? defaults
            : select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("id").ToList();
        var result = new JsonObject();
        foreach (var (key, value) in full)
            if (key.StartsWith('@') || names.Contains(key, StringComparer.OrdinalIgnoreCase))
                result[key] = value?.DeepClone();
        return result;
    }
}
