using System.Diagnostics;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// The last presence writes of a tenant (setPresence, clearPresence, setUserPreferredPresence,
/// clearUserPreferredPresence, setStatusMessage), oldest first, with strictly increasing sequence
/// numbers so that a reader in another process can page with "since". Bounded: the oldest entries
/// are dropped beyond <see cref="Capacity"/>.
/// </summary>
public sealed class WriteLog
{
    public const int Capacity = 200_000;

    private readonly object _gate = new();
    private readonly Queue<WriteRecord> _records = new();
    // Real time with the resolution of the stopwatch, anchored once to the wall clock.
    private readonly DateTimeOffset _anchor = DateTimeOffset.UtcNow;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _sequence;

    /// <summary>The machine's UTC time now, at stopwatch resolution.</summary>
    public DateTimeOffset RealNow => _anchor + _watch.Elapsed;

    public WriteRecord Add(DateTimeOffset appliedAt, DateTimeOffset emulatorTime, Guid userId, Guid appId, string operation, int status,
        string? availability, string? activity)
    {
        lock (_gate)
        {
            var record = new WriteRecord(++_sequence, appliedAt, emulatorTime, userId, appId, operation, status, availability, activity);
            _records.Enqueue(record);
            while (_records.Count > Capacity) _records.Dequeue();
            return record;
        }
    }

    /// <summary>Records after sequence number <paramref name="since"/>, at most <paramref name="limit"/>, and the last sequence number issued.</summary>
    public (IReadOnlyList<WriteRecord> Records, long Last) Since(long since, int limit)
    {
        lock (_gate)
            return (_records.Where(r => r.Sequence > since).Take(Math.Max(0, limit)).ToList(), _sequence);
    }

    public void Clear() { lock (_gate) _records.Clear(); }
}
