namespace PresenceSync.Emulator.Control;

/// <summary>
/// One presence write as the emulator applied it. AppliedAt is the machine's real UTC time at the
/// moment the write took effect (for latency measured by another process on the same machine);
/// EmulatorTime is the emulator clock then. Status is the HTTP status the write was answered with.
/// </summary>
public sealed record WriteRecord(
    long Sequence, DateTimeOffset AppliedAt, DateTimeOffset EmulatorTime, Guid UserId, Guid AppId,
    string Operation, int Status, string? Availability, string? Activity);
