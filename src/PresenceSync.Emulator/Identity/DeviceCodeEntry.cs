using System.Security.Cryptography;

namespace PresenceSync.Emulator.Identity;

public sealed class DeviceCodeEntry
{
    public string DeviceCode { get; init; } = "";
    public string UserCode { get; init; } = "";
    public Guid AppId { get; init; }
    public string Scope { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public Guid? ApprovedUserId { get; set; }
    public bool Denied { get; set; }
    public bool Redeemed { get; set; }
}
