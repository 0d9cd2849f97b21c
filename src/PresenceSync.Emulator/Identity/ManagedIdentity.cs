namespace PresenceSync.Emulator.Identity;

/// <summary>
/// A managed identity (for example an Azure Automation account's): a service principal of type
/// ManagedIdentity with no application object, whose tokens come from the local identity endpoint
/// that the host announces in IDENTITY_ENDPOINT and guards with the IDENTITY_HEADER secret.
/// </summary>
public sealed record ManagedIdentity(Guid ClientId, Guid PrincipalId, string DisplayName, string IdentityHeader);
