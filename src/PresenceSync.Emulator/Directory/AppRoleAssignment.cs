namespace PresenceSync.Emulator.Directory;

public sealed class AppRoleAssignment
{
    public Guid Id { get; init; }
    public Guid PrincipalId { get; init; }
    public Guid ResourceId { get; init; }
    public Guid AppRoleId { get; init; }
    public DateTimeOffset CreatedDateTime { get; init; }
}
