using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PresenceSync.Emulator.Identity;

/// <summary>AAD's OAuth error body ({"error","error_description":"AADSTSnnnn: ...","error_codes":[n]}).</summary>
internal static class AadError
{
    public static IResult Result(int status, string error, int aadsts, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{aadsts}: {description} Trace ID: {traceId} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z",
            ["error_codes"] = new JsonArray(aadsts),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ"),
            ["trace_id"] = traceId,
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={aadsts}",
        };
        return Results.Content(body.ToJsonString(), "application/json; charset=utf-8", null, status);
    }
}
