using System.Diagnostics;

namespace PresenceSync.Emulator;

/// <summary>
/// The emulator's notion of "now". Expiry, fade, token lifetime, secret expiry, the throttling
/// window and notification retries all read this clock, so tests move time with
/// <see cref="Advance"/> instead of sleeping.
/// </summary>
public sealed class EmulatorClock
{
    private readonly object _gate = new();
    private readonly Stopwatch _real = Stopwatch.StartNew();
    private DateTimeOffset _origin;
    private TimeSpan _offset;

    public EmulatorClock(DateTimeOffset start, bool runsInRealTime)
    {
        _origin = start;
        RunsInRealTime = runsInRealTime;
    }

    /// <summary>When true the clock also moves with real time.</summary>
    public bool RunsInRealTime { get; }

    /// <summary>Raised after every Advance/Set so that presence fade and subscription expiry are re-evaluated.</summary>
    public event Action<DateTimeOffset>? Changed;

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
                return _origin + _offset + (RunsInRealTime ? _real.Elapsed : TimeSpan.Zero);
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock never goes back.");
        lock (_gate) _offset += by;
        Changed?.Invoke(UtcNow);
    }

    /// <summary>Moves the clock to a later instant (never back: sequence numbers must keep increasing).</summary>
    public void Set(DateTimeOffset to)
    {
        var now = UtcNow;
        if (to < now) throw new ArgumentOutOfRangeException(nameof(to), "The clock never goes back.");
        Advance(to - now);
    }
}
