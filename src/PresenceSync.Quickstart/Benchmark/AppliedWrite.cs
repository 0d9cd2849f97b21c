using System;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>One write the emulator applied (or refused), with the real time it applied it.</summary>
    internal sealed record AppliedWrite(long Sequence, DateTimeOffset AppliedAt, string UserId, string AppId, string Operation, int Status, string? Activity);
}
