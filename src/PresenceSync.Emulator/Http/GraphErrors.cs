using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Graph's error shape {"error":{"code","message","innerError":{date,request-id,client-request-id}}}
/// (Learn: graph/errors) so that the Graph SDK raises ODataError with the same code as in a real
/// tenant. A 429 has the shape of Graph's throttling sample (Learn: graph/throttling).
/// </summary>
internal static class GraphErrors
{
    public static IResult Result(int status, string code, string message, double? retryAfterSeconds = null) =>
        new GraphErrorResult(status, code, message, retryAfterSeconds, null);

    /// <summary>429 TooManyRequests as Graph's throttling page shows it, innerError code and status "429".</summary>
    public static IResult Throttled(double? retryAfterSeconds) =>
        new GraphErrorResult(429, "TooManyRequests", "Please retry again later.", retryAfterSeconds,
            new JsonObject { ["code"] = "429", ["message"] = "Please retry after", ["status"] = "429" });

    public static JsonObject Body(HttpContext? ctx, string code, string message, JsonObject? innerExtra = null)
    {
        var inner = new JsonObject();
        if (innerExtra is not null)
            foreach (var (k, v) in innerExtra) inner[k] = v?.DeepClone();
        inner["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss");
        inner["request-id"] = ctx?.TraceIdentifier ?? Guid.NewGuid().ToString();
        inner["client-request-id"] = ctx?.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        return new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = inner } };
    }

    /// <summary>Retry-After as Graph writes it: whole seconds as an integer, fractions with up to three decimals.</summary>
    public static string RetryAfterText(double seconds) =>
        seconds == Math.Floor(seconds) ? ((long)seconds).ToString(CultureInfo.InvariantCulture) : seconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static IResult BadRequest(string message) => Result(400, "BadRequest", message);
    public static IResult InvalidBody() => Result(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    public static IResult UserNotFound(string id) =>
        Result(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private sealed class GraphErrorResult(int status, string code, string message, double? retryAfter, JsonObject? innerExtra) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.StatusCode = status;
            if (retryAfter is { } seconds) ctx.Response.Headers["Retry-After"] = RetryAfterText(seconds);
            if (status == 401)
                ctx.Response.Headers["WWW-Authenticate"] = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
            ctx.Response.ContentType = "application/json; charset=utf-8";
            await ctx.Response.WriteAsync(Body(ctx, code, message, innerExtra).ToJsonString());
        }
    }
}
