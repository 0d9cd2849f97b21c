namespace PresenceSync.Emulator.Hosting;

/// <summary>Endpoint metadata: the tenant whose state a Graph endpoint serves (each tenant maps its own copy of /v1.0).</summary>
internal sealed record TenantRoute(Guid TenantId);
