using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Runs in front of every /v1.0 endpoint, in Graph's order: token validation (401), injected
/// faults (latency, 5xx, 429 storms), permission check (403), presence budget (429), then the
/// handler. Counts every request in the statistics whatever the outcome.
/// </summary>
internal sealed class GraphGateway
{
    private readonly EmulatorState _s;

    public GraphGateway(EmulatorState state) => _s = state;

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/v1.0", out var rest))
        {
            await next(ctx);
            return;
        }
        ctx.Response.Headers["request-id"] = ctx.TraceIdentifier;
        var op = ctx.GetEndpoint()?.Metadata.GetMetadata<GraphOperation>();
        var key = op?.Key ?? $"{ctx.Request.Method} {rest}";
        var caller = _s.Tokens.Validate(ctx.Request.Headers.Authorization.FirstOrDefault(), out var tokenError);
        var appKey = caller?.AppId.ToString() ?? "anonymous";
        try
        {
            var rejection = await Admit(ctx, op, caller, tokenError, rest.Value ?? "");
            if (rejection is not null)
            {
                await rejection.ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        }
        finally
        {
            _s.Statistics.RecordRequest(key, appKey, ctx.Response.StatusCode);
        }
    }

    private async Task<IResult?> Admit(HttpContext ctx, GraphOperation? op, CallerContext? caller, string tokenError, string path)
    {
        if (caller is null)
            return GraphErrors.Result(401, "InvalidAuthenticationToken", tokenError);
        if (op is null)
            return GraphErrors.Result(400, "BadRequest", $"Resource not found for the segment '{path.Trim('/').Split('/').LastOrDefault()}'.");

        var appId = caller.AppId.ToString();
        while (_s.Faults.Take(path, appId, "latency") is { } latency)
        {
            await Task.Delay(latency.LatencyMs, ctx.RequestAborted);
            if (latency.Count is null) break; // an unlimited rule applies once per request
        }
        if (_s.Faults.Take(path, appId, "throttle", "serverError") is { } fault)
        {
            return fault.Kind == "throttle"
                ? GraphErrors.Result(429, "TooManyRequests", "Too many requests.", fault.RetryAfterSeconds)
                : GraphErrors.Result(fault.Status, fault.Status == 503 ? "serviceNotAvailable" : fault.Status == 504 ? "gatewayTimeout" : "generalException",
                    "Injected server error.", fault.RetryAfterSeconds);
        }

        // Revoked permissions take effect at once, even inside tokens issued before the revocation.
        var revoked = _s.Faults.RevokedPermissions(caller.AppId);
        caller.Roles.ExceptWith(revoked);
        caller.Scopes.ExceptWith(revoked);
        if (!op.AnyCaller && !caller.Has(op.AppRoles, op.Scopes))
            return GraphErrors.Result(403, op.ForbiddenCode, op.ForbiddenCode == "Authorization_RequestDenied"
                ? "Insufficient privileges to complete the operation."
                : $"Missing role permissions on the request. API requires one of '{string.Join(", ", caller.IsAppOnly ? op.AppRoles : op.Scopes)}'. Roles on the request '{string.Join(", ", caller.IsAppOnly ? caller.Roles : caller.Scopes)}'.");

        if (op.IsPresence && !_s.Budget.TryTake(caller.AppId, out var retryAfter))
            return GraphErrors.Result(429, "TooManyRequests", "Too many requests. The application has exceeded its presence request budget for this tenant.", retryAfter);

        if (op.IsPresenceWrite && ctx.Request.RouteValues["id"] is string userId)
            _s.Statistics.RecordPresenceWrite(userId);

        ctx.Items[typeof(CallerContext)] = caller;
        return null;
    }
}
