namespace PresenceSync.Emulator.Identity;

/// <summary>Endpoint metadata marking the identity platform's endpoints (token, device code, managed identity), which "identity" faults target.</summary>
internal sealed record IdentityOperation(string Name);
