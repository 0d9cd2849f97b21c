namespace PresenceSync.Emulator.Throttling;

/// <summary>
/// Graph's presence budget: per application per tenant, N requests per window (1,500 per 30 s by
/// default). A sliding window over the emulator clock, so tests can exhaust it and then Advance
/// instead of waiting. Rejected requests do not consume budget. Retry-After is the time until the
/// oldest counted request leaves the window: whole seconds rounded up by default, or to the
/// millisecond when <see cref="FractionalRetryAfter"/> is set, as in Graph's own throttling sample
/// ("Retry-After: 2.128").
/// </summary>
public sealed class PresenceBudget
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Queue<DateTimeOffset>> _perApp = new();
    private readonly EmulatorClock _clock;

    public PresenceBudget(EmulatorClock clock, int limit, TimeSpan window, bool fractionalRetryAfter = false)
    {
        _clock = clock; Limit = limit; Window = window; FractionalRetryAfter = fractionalRetryAfter;
    }

    public int Limit { get; private set; }
    public TimeSpan Window { get; private set; }
    /// <summary>Answer Retry-After with fractions of a second (e.g. 2.128) instead of whole seconds.</summary>
    public bool FractionalRetryAfter { get; set; }

    public void Configure(int limit, TimeSpan window)
    {
        lock (_gate) { Limit = limit; Window = window; _perApp.Clear(); }
    }

    /// <summary>Takes one request from the app's budget; when empty returns false and the Retry-After in whole seconds.</summary>
    public bool TryTake(Guid appId, out int retryAfterSeconds)
    {
        var ok = TryAdmit(appId, out var exact, fractional: false);
        retryAfterSeconds = (int)exact;
        return ok;
    }

    /// <summary>Takes one request from the app's budget; when empty returns false and the Retry-After header value in seconds.</summary>
    public bool TryAdmit(Guid appId, out double retryAfterSeconds) => TryAdmit(appId, out retryAfterSeconds, FractionalRetryAfter);

    private bool TryAdmit(Guid appId, out double retryAfterSeconds, bool fractional)
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
            var wait = (log.Peek() + Window - now).TotalSeconds;
            retryAfterSeconds = fractional ? Math.Max(0.001, Math.Ceiling(wait * 1000) / 1000) : Math.Max(1, Math.Ceiling(wait));
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
