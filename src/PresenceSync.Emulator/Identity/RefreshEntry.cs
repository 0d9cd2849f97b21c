using System.Security.Cryptography;

namespace PresenceSync.Emulator.Identity;

internal sealed record RefreshEntry(Guid AppId, Guid UserId, List<string> Scopes, DateTimeOffset ExpiresAt);
