using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// $filter, $select, $top (1..999, default 100) and $skiptoken paging with @odata.nextLink for
/// directory collections, with Graph's errors for unsupported queries.
/// </summary>
internal static class ListQuery
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 999;

    public static IResult Page<T>(HttpContext ctx, string baseUrl, IReadOnlyList<T> items,
        Func<T, string, object?> getter, IReadOnlySet<string> filterable, Func<T, JsonObject> toJson, IReadOnlyCollection<string>? defaultSelect,
        IReadOnlySet<string>? orderable = null, IReadOnlySet<string>? searchable = null)
    {
        if (Matching(ctx, items, getter, filterable, orderable, searchable, out var matching) is { } problem) return problem;
        var q = ctx.Request.Query;
        var select = (string?)q["$select"];
        var top = DefaultPageSize;
        if ((string?)q["$top"] is { } topText)
        {
            if (!int.TryParse(topText, out top) || top < 1 || top > MaxPageSize)
                return GraphErrors.Result(400, "Request_UnsupportedQuery", $"Invalid page size specified: '{topText}'. Must be between 1 and {MaxPageSize} inclusive.");
        }
        var all = matching!;
        var offset = DecodeSkipToken((string?)q["$skiptoken"]);
        var page = all.Skip(offset).Take(top).ToList();
        var body = new JsonObject { ["@odata.context"] = $"{baseUrl}/v1.0/$metadata#{ctx.Request.Path.Value!.Split('/').Last()}" };
        if (IsAdvancedQuery(ctx)) body["@odata.count"] = all.Count;
        if (offset + page.Count < all.Count)
            body["@odata.nextLink"] = NextLink(ctx, baseUrl, offset + page.Count);
        body["value"] = new JsonArray(page.Select(i => (JsonNode)GraphJson.Select(toJson(i), select, defaultSelect ?? toJson(i).Select(p => p.Key).ToList())).ToArray());
        return GraphJson.Ok(body);
    }

    /// <summary>
    /// The items that $filter and $search select, in $orderby order; or Graph's error. ne, not and
    /// endswith, $search, and $orderby together with $filter are advanced queries: they need
    /// ConsistencyLevel: eventual and $count=true ($search the header only).
    /// </summary>
    public static IResult? Matching<T>(HttpContext ctx, IReadOnlyList<T> items, Func<T, string, object?> getter, IReadOnlySet<string> filterable,
        IReadOnlySet<string>? orderable, IReadOnlySet<string>? searchable, out List<T>? matching)
    {
        matching = null;
        var q = ctx.Request.Query;
        var filter = (string?)q["$filter"];
        var search = (string?)q["$search"];
        var orderBy = (string?)q["$orderby"];
        IEnumerable<T> result = items;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            Func<T, bool> predicate;
            bool advanced;
            try { predicate = ODataFilter.Compile(filter, getter, filterable, out advanced); }
            catch (NotSupportedException e) { return GraphErrors.Result(400, "Request_UnsupportedQuery", e.Message); }
            catch (FormatException e) { return GraphErrors.Result(400, "BadRequest", $"Invalid filter clause: {e.Message}"); }
            if (advanced && !IsAdvancedQuery(ctx))
                return GraphErrors.Result(400, "Request_UnsupportedQuery", "Unsupported Query.");
            result = result.Where(predicate);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            if (!IsEventual(ctx)) return GraphErrors.Result(400, "Request_UnsupportedQuery", ODataSearch.NeedsEventual);
            try { result = result.Where(ODataSearch.Compile(search, getter, searchable ?? new HashSet<string>())); }
            catch (NotSupportedException e) { return GraphErrors.Result(400, "Request_UnsupportedQuery", e.Message); }
            catch (FormatException e) { return GraphErrors.Result(400, "BadRequest", $"Invalid $search: {e.Message}"); }
        }
        if (!string.IsNullOrWhiteSpace(orderBy))
        {
            var parts = orderBy.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var property = parts[0];
            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (orderable is null || !orderable.Contains(property))
                return GraphErrors.Result(400, "Request_UnsupportedQuery", $"Sorting by '{property}' is not supported.");
            if (!string.IsNullOrWhiteSpace(filter) && !IsAdvancedQuery(ctx))
                return GraphErrors.Result(400, "Request_UnsupportedQuery", "Unsupported Query.");
            var key = (Func<T, string>)(i => getter(i, property) as string ?? "");
            result = descending ? result.OrderByDescending(key, StringComparer.OrdinalIgnoreCase) : result.OrderBy(key, StringComparer.OrdinalIgnoreCase);
        }
        matching = result.ToList();
        return null;
    }

    public static bool IsEventual(HttpContext ctx) =>
        string.Equals(ctx.Request.Headers["ConsistencyLevel"], "eventual", StringComparison.OrdinalIgnoreCase);

    public static bool IsAdvancedQuery(HttpContext ctx) =>
        string.Equals(ctx.Request.Headers["ConsistencyLevel"], "eventual", StringComparison.OrdinalIgnoreCase)
        && string.Equals((string?)ctx.Request.Query["$count"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same query with an opaque $skiptoken, on the emulator's absolute base URL.</summary>
    public static string NextLink(HttpContext ctx, string baseUrl, int offset, string skipName = "$skiptoken", string? tokenOverride = null)
    {
        var parts = ctx.Request.Query.Where(p => p.Key is not ("$skiptoken" or "$deltatoken"))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}").ToList();
        parts.Add($"{skipName}={tokenOverride ?? EncodeSkipToken(offset)}");
        return $"{baseUrl}{ctx.Request.Path}?{string.Join('&', parts)}";
    }

    public static string EncodeSkipToken(int offset) => Jwt.B64Url(Encoding.UTF8.GetBytes("o:" + offset));

    public static int DecodeSkipToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Jwt.FromB64Url(token));
            return text.StartsWith("o:") ? int.Parse(text[2..]) : 0;
        }
        catch (FormatException) { return 0; }
    }
}
