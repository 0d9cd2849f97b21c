using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Hosting;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Http;

/// <summary>
/// Runs in front of every /v1.0 endpoint, in Graph's order: token validation (401), injected
/// faults (latency, hangs, 5xx, 429 storms), permission check (403), presence budget (429), a body
/// without a JSON Content-Type (400/415), then the handler (possibly trickled by a slowReply fault).
/// The tenant is the one the token names (<see cref="TenantResolver"/>); every request is counted in
/// that tenant's statistics whatever the outcome.
/// </summary>
internal sealed class GraphGateway
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/v1.0", out var rest))
        {
            await next(ctx);
            return;
        }
        var s = TenantResolver.Tenant(ctx);
        ctx.Response.Headers["request-id"] = ctx.TraceIdentifier;
        var op = ctx.GetEndpoint()?.Metadata.GetMetadata<GraphOperation>();
        var key = op?.Key ?? $"{ctx.Request.Method} {rest}";
        var caller = s.Tokens.Validate(ctx.Request.Headers.Authorization.FirstOrDefault(), out var tokenError);
        var appKey = caller?.AppId.ToString() ?? "anonymous";
        int? status = null;
        try
        {
            var path = rest.Value ?? "";
            var (rejection, slow) = await Admit(s, ctx, op, caller, tokenError, path);
            if (rejection is HangResult)
            {
                status = 0;
                return;
            }
            if (rejection is not null)
            {
                await rejection.ExecuteAsync(ctx);
                return;
            }
            if (slow is not null) await FaultActions.TrickleAsync(ctx, () => next(ctx), slow);
            else await next(ctx);
        }
        finally
        {
            s.Statistics.RecordRequest(key, appKey, status ?? ctx.Response.StatusCode);
        }
    }

    private static async Task<(IResult? Rejection, FaultRule? Slow)> Admit(EmulatorState s, HttpContext ctx, GraphOperation? op, CallerContext? caller, string tokenError, string path)
    {
        if (caller is null)
            return (GraphErrors.Result(401, "InvalidAuthenticationToken", tokenError), null);
        if (op is null)
            return (GraphErrors.Result(400, "BadRequest", $"Resource not found for the segment '{path.Trim('/').Split('/').LastOrDefault()}'."), null);

        var appId = caller.AppId.ToString();
        var tenantId = s.Directory.TenantId;
        // A counted latency rule delays that many requests, one each.
        if (s.Faults.TakeFor(FaultRule.GraphTarget, path, appId, tenantId, "latency") is { } latency)
            await Task.Delay(latency.LatencyMs, ctx.RequestAborted);
        if (s.Faults.TakeFor(FaultRule.GraphTarget, path, appId, tenantId, "hang") is { } hang)
        {
            await FaultActions.HangAsync(ctx, hang);
            return (HangResult.Instance, null);
        }
        if (s.Faults.TakeFor(FaultRule.GraphTarget, path, appId, tenantId, "throttle", "serverError") is { } fault)
        {
            return (fault.Kind == "throttle"
                ? GraphErrors.Throttled(fault.RetryAfterSeconds)
                : GraphErrors.Result(fault.Status, fault.Status == 503 ? "serviceNotAvailable" : fault.Status == 504 ? "gatewayTimeout" : "generalException",
                    "Injected server error.", fault.RetryAfterSeconds), null);
        }
        var slow = s.Faults.TakeFor(FaultRule.GraphTarget, path, appId, tenantId, "slowReply");

        // Revoked permissions take effect at once, even inside tokens issued before the revocation.
        var revoked = s.Faults.RevokedPermissions(caller.AppId);
        caller.Roles.ExceptWith(revoked);
        caller.Scopes.ExceptWith(revoked);
        if (!op.AnyCaller && !caller.Has(op.AppRoles, op.Scopes))
            return (GraphErrors.Result(403, op.ForbiddenCode, op.ForbiddenCode == "Authorization_RequestDenied"
                ? "Insufficient privileges to complete the operation."
                : $"Missing role permissions on the request. API requires one of '{string.Join(", ", caller.IsAppOnly ? op.AppRoles : op.Scopes)}'. Roles on the request '{string.Join(", ", caller.IsAppOnly ? caller.Roles : caller.Scopes)}'."), null);

        if (op.IsPresence && !s.Budget.TryAdmit(caller.AppId, out var retryAfter))
            return (GraphErrors.Throttled(retryAfter), null);

        if (op.IsPresenceWrite && ctx.Request.RouteValues["id"] is string userId)
            s.Statistics.RecordPresenceWrite(userId);

        if (RequestBody.ContentTypeProblem(ctx) is { } contentType) return (contentType, null);

        ctx.Items[typeof(CallerContext)] = caller;
        return (null, slow);
    }

    /// <summary>Marks a request held by a hang fault: nothing is written.</summary>
    private sealed class HangResult : IResult
    {
        public static readonly HangResult Instance = new();
        public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
    }
}
