using Microsoft.AspNetCore.Http;
using PresenceSync.Emulator.Identity;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Before routing: picks the tenant of a Graph request from the tid claim of its bearer token, as
/// Graph does (the signature and the rest are checked later by that tenant's token service). A
/// request without a readable token, or naming no hosted tenant, goes to the first tenant, whose
/// gateway then answers 401.
/// </summary>
internal sealed class TenantResolver
{
    private static readonly object Key = new();
    private readonly TenantRegistry _tenants;

    public TenantResolver(TenantRegistry tenants) => _tenants = tenants;

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        ctx.Items[Key] = FromToken(ctx.Request.Headers.Authorization.ToString()) ?? _tenants.First;
        return next(ctx);
    }

    /// <summary>The tenant chosen for this request (the first tenant outside Graph requests).</summary>
    public static EmulatorState Tenant(HttpContext ctx) => (EmulatorState)ctx.Items[Key]!;

    private EmulatorState? FromToken(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var tid = Jwt.Parse(authorization[7..].Trim())?.Payload["tid"];
        return tid?.GetValueKind() == System.Text.Json.JsonValueKind.String && Guid.TryParse((string?)tid, out var id) ? _tenants.Find(id) : null;
    }
}
