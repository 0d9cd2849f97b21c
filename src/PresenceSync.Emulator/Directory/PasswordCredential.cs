using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Emulator.Directory;

public sealed class PasswordCredential
{
    public Guid KeyId { get; init; }
    public string? DisplayName { get; init; }
    public string SecretText { get; init; } = "";
    public DateTimeOffset StartDateTime { get; init; }
    public DateTimeOffset EndDateTime { get; set; }
    public string Hint => SecretText[..3];
}
