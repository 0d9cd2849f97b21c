using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Emulator.Directory;

public sealed class KeyCredential
{
    public Guid KeyId { get; init; }
    public string? DisplayName { get; init; }
    public string Type { get; init; } = "AsymmetricX509Cert";
    public string Usage { get; init; } = "Verify";
    public X509Certificate2 Certificate { get; init; } = null!;
    public DateTimeOffset StartDateTime { get; init; }
    public DateTimeOffset EndDateTime { get; set; }
}
