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

public sealed class PasswordCredential
{
    public Guid KeyId { get; init; }
    public string? DisplayName { get; init; }
    public string SecretText { get; init; } = "";
    public DateTimeOffset StartDateTime { get; init; }
    public DateTimeOffset EndDateTime { get; set; }
    public string Hint => SecretText[..3];
}

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
