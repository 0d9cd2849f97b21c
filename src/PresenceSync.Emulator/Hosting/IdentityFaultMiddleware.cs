using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Control;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Applies "identity" fault rules to the token, device-code and managed-identity endpoints: added
/// latency, a request that is never answered, a 5xx in AAD's error shape (with Retry-After when the
/// rule gives one) or a trickled answer. Rules match the full path, for example
/// "/oauth2/v2.0/token" or "/msi/token", and the tenant named in the path.
/// </summary>
internal sealed class IdentityFaultMiddleware
{
    private readonly TenantRegistry _tenants;

    public IdentityFaultMiddleware(TenantRegistry tenants) => _tenants = tenants;

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<IdentityOperation>() is null)
        {
            await next(ctx);
            return;
        }
        var faults = _tenants.First.Faults;
        var path = ctx.Request.Path.Value ?? "";
        var tenantId = _tenants.Find(path.Trim('/').Split('/')[0])?.Directory.TenantId;
        FaultRule? Take(params string[] kinds) => faults.TakeFor(FaultRule.IdentityTarget, path, null, tenantId, kinds);

        if (Take("latency") is { } latency) await Task.Delay(latency.LatencyMs, ctx.RequestAborted);
        if (Take("hang") is { } hang)
        {
            await FaultActions.HangAsync(ctx, hang);
            return;
        }
        if (Take("serverError", "throttle") is { } error)
        {
            var status = error.Kind == "throttle" ? 429 : error.Status;
            if (error.RetryAfterSeconds is { } seconds) ctx.Response.Headers["Retry-After"] = Http.GraphErrors.RetryAfterText(seconds);
            await AadError.Result(status, status == 503 || status == 429 ? "temporarily_unavailable" : "server_error", status == 429 ? 50196 : 90033,
                "The service is temporarily unavailable (injected fault). Please try again later.").ExecuteAsync(ctx);
            return;
        }
        if (Take("slowReply") is { } slow) await FaultActions.TrickleAsync(ctx, () => next(ctx), slow);
        else await next(ctx);
    }
}
