using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace PresenceSync.Emulator.Hosting;

/// <summary>
/// Every tenant maps the same /v1.0 routes; of the endpoints that match a request this keeps only
/// the one of the request's tenant (chosen by <see cref="TenantResolver"/> from the token), so a
/// token of tenant A is served from A's directory and never sees tenant B's users.
/// </summary>
internal sealed class TenantMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<TenantRoute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var tenant = TenantResolver.Tenant(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            if (candidates[i].Endpoint.Metadata.GetMetadata<TenantRoute>() is { } route && route.TenantId != tenant.Directory.TenantId)
                candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
