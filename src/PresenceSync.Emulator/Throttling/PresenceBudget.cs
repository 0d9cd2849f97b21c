namespace PresenceSync.Emulator.Throttling;

/// <summary>
/// Graph's presence budget: per application per tenant, N requests per window (1,500 per 30 s by
/// default). A sliding window over the emulator clock, so tests can exhaust it and then Advance
/// instead of waiting. Rejected requests do not consume budget.
/// </summary>
public sealed class PresenceBudget
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Queue<DateTimeOffset>> _perApp = new();
    private readonly EmulatorClock _clock;

    public PresenceBudget(EmulatorClock clock, int limit, TimeSpan window)
    {
        _clock = clock; Limit = limit; Window = window;
    }

    public int Limit { get; private set; }
    public TimeSpan Window { get; private set; }

    public void Configure(int limit, TimeSpan window)
    {
        lock (_gate) { Limit = limit; Window = window; _perApp.Clear(); }
    }

    /// <summary>Takes one request from the app's budget; when empty returns false and the Retry-After seconds.</summary>
    public bool TryTake(Guid appId, out int retryAfterSeconds)
    {
        var now = _clock.UtcNow;
        lock (_gate)
        {
            if (!_perApp.TryGetValue(appId, out var log)) _perApp[appId] = log = new Queue<DateTimeOffset>();
            while (log.Count > 0 && log.Peek() + Window <= now) log.Dequeue();
            if (log.Count < Limit)
            {
                log.Enqueue(now);
                retryAfterSeconds = 0;
                return true;
            }
            // Retry-After is when the oldest counted request leaves the window.
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((log.Peek() + Window - now).TotalSeconds));
            return false;
        }
    }

    public int Remaining(Guid appId)
    {
        var now = _clock.UtcNow;
        lock (_gate)
            return _perApp.TryGetValue(appId, out var log) ? Limit - log.Count(t => t + Window > now) : Limit;
    }
}
