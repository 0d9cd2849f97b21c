namespace PresenceSync.Emulator.Directory;

/// <summary>An Entra ID user as far as PresenceSync cares.</summary>
public sealed class DirectoryUser
{
    public Guid Id { get; init; }
    public string UserPrincipalName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? Mail { get; set; }
    public string? MailNickname { get; set; }
    public string? JobTitle { get; set; }
    public List<string> ProxyAddresses { get; set; } = new();
    public bool AccountEnabled { get; set; } = true;
    public DateTimeOffset CreatedDateTime { get; init; }
    /// <summary>Directory change version, for the delta query.</summary>
    public long Version { get; set; }
    public bool Deleted { get; set; }
}
