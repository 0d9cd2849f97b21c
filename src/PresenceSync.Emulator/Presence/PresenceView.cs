namespace PresenceSync.Emulator.Presence;

/// <summary>What GET presence shows: the aggregate only, nothing says which layer produced it.</summary>
public sealed record PresenceView(
    Guid Id, string Availability, string Activity, StatusMessageState? StatusMessage,
    bool IsOutOfOffice, string? OutOfOfficeMessage, string SequenceNumber, WorkLocationState WorkLocation);
