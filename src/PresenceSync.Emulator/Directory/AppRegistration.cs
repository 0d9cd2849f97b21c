using System.Security.Cryptography.X509Certificates;

namespace PresenceSync.Emulator.Directory;

/// <summary>An application object (the registration) with its secrets and certificates.</summary>
public sealed class AppRegistration
{
    public Guid Id { get; init; }
    public Guid AppId { get; init; }
    public string DisplayName { get; set; } = "";
    public bool IsFallbackPublicClient { get; set; }
    public DateTimeOffset CreatedDateTime { get; init; }
    public List<PasswordCredential> PasswordCredentials { get; } = new();
    public List<KeyCredential> KeyCredentials { get; set; } = new();
}
