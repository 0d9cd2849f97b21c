using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Graph's error shape {"error":{"code","message","innerError":{date,request-id,client-request-id}}}
/// so that the Graph SDK raises ODataError with the same code as in a real tenant.
/// </summary>
internal static class GraphErrors
{
    public static IResult Result(int status, string code, string message, int? retryAfterSeconds = null) =>
        new GraphErrorResult(status, code, message, retryAfterSeconds);

    public static JsonObject Body(HttpContext? ctx, string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss"),
                ["request-id"] = ctx?.TraceIdentifier ?? Guid.NewGuid().ToString(),
                ["client-request-id"] = ctx?.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString(),
            },
        },
    };

    public static IResult BadRequest(string message) => Result(400, "BadRequest", message);
    public static IResult InvalidBody() => Result(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    public static IResult UserNotFound(string id) =>
        Result(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private sealed class GraphErrorResult(int status, string code, string message, int? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.StatusCode = status;
            if (retryAfter is { } seconds) ctx.Response.Headers["Retry-After"] = seconds.ToString();
            if (status == 401)
                ctx.Response.Headers["WWW-Authenticate"] = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
            ctx.Response.ContentType = "application/json; charset=utf-8";
            await ctx.Response.WriteAsync(Body(ctx, code, message).ToJsonString());
        }
    }
}
