using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Directory;

/// <summary>
/// GET /users/delta(): a first round returns every live user in pages (@odata.nextLink) and ends
/// with an @odata.deltaLink; calling that link returns only users changed since, deleted ones as
/// {"id", "@removed": {"reason": "changed"}}. Page size follows Prefer: odata.maxpagesize (default 100).
/// </summary>
internal static class UserDelta
{
    public static IResult Handle(EmulatorState s, HttpContext ctx)
    {
        var q = ctx.Request.Query;
        long since, upTo;
        var offset = 0;
        if ((string?)q["$skiptoken"] is { } skip)
        {
            if (Decode(skip) is not { } state) return GraphErrors.Result(400, "Request_BadRequest", "Invalid $skiptoken.");
            (since, upTo, offset) = state;
        }
        else if ((string?)q["$deltatoken"] is { } delta)
        {
            if (Decode(delta) is not { } state) return GraphErrors.Result(400, "Request_BadRequest", "Invalid $deltatoken.");
            since = state.UpTo;
            upTo = s.Directory.CurrentVersion;
        }
        else
        {
            since = -1;
            upTo = s.Directory.CurrentVersion;
        }
        HashSet<Guid>? only = null;
        if ((string?)q["$filter"] is { Length: > 0 } filter)
        {
            // Learn user-delta: "The only supported $filter expression is for tracking changes on a specific object: id eq {value}", up to 50, joined by or.
            only = IdFilter(filter);
            if (only is null)
                return GraphErrors.Result(400, "Request_UnsupportedQuery", "The delta query on users supports only $filter=id eq '{id}' (joined by or).");
            if (only.Count > 50)
                return GraphErrors.Result(400, "Request_UnsupportedQuery", "The delta query on users can filter at most 50 objects.");
        }

        var pageSize = PageSize(ctx);
        var initial = since < 0;
        var changed = s.Directory.AllUsers
            .Where(u => only is null || only.Contains(u.Id))
            .Where(u => u.Version <= upTo && (initial ? !u.Deleted : u.Version > since))
            .OrderBy(u => initial ? 0 : u.Version).ToList();
        var page = changed.Skip(offset).Take(pageSize).ToList();
        var select = (string?)q["$select"];
        var values = new JsonArray();
        foreach (var u in page)
        {
            if (u.Deleted)
                values.Add(new JsonObject { ["id"] = u.Id.ToString(), ["@removed"] = new JsonObject { ["reason"] = "changed" } });
            else
                values.Add(GraphJson.Select(DirectoryJson.User(u), select, DirectoryJson.DefaultUserProperties));
        }
        var body = new JsonObject { ["@odata.context"] = $"{s.BaseUrl}/v1.0/$metadata#users" };
        // As Graph writes its links: /users/delta?$skiptoken=... (the query options travel along).
        var basePath = $"{s.BaseUrl}/v1.0/users/delta";
        var selectPart = (string.IsNullOrEmpty(select) ? "" : $"$select={Uri.EscapeDataString(select)}&")
            + (only is null ? "" : $"$filter={Uri.EscapeDataString((string)q["$filter"]!)}&");
        if (offset + page.Count < changed.Count)
            body["@odata.nextLink"] = $"{basePath}?{selectPart}$skiptoken={Encode(since, upTo, offset + page.Count)}";
        else
            body["@odata.deltaLink"] = $"{basePath}?{selectPart}$deltatoken={Encode(upTo, upTo, 0)}";
        body["value"] = values;
        return GraphJson.Ok(body);
    }

    /// <summary>The ids of "id eq 'x' or id eq 'y'"; null for any other filter.</summary>
    private static HashSet<Guid>? IdFilter(string filter)
    {
        var ids = new HashSet<Guid>();
        foreach (var clause in System.Text.RegularExpressions.Regex.Split(filter.Trim(), @"\s+or\s+", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            var m = System.Text.RegularExpressions.Regex.Match(clause.Trim(), @"^id\s+eq\s+'([^']+)'$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!m.Success || !Guid.TryParse(m.Groups[1].Value, out var id)) return null;
            ids.Add(id);
        }
        return ids;
    }

    private static int PageSize(HttpContext ctx)
    {
        foreach (var prefer in ctx.Request.Headers["Prefer"])
            foreach (var part in (prefer ?? "").Split(','))
                if (part.Trim().StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(part.Trim()["odata.maxpagesize=".Length..], out var n) && n > 0)
                    return Math.Min(n, ListQuery.MaxPageSize);
        return ListQuery.DefaultPageSize;
    }

    private static string Encode(long since, long upTo, int offset) => Jwt.B64Url(Encoding.UTF8.GetBytes($"{since}:{upTo}:{offset}"));

    private static (long Since, long UpTo, int Offset)? Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Jwt.FromB64Url(token)).Split(':');
            return (long.Parse(parts[0]), long.Parse(parts[1]), int.Parse(parts[2]));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException) { return null; }
    }
}
