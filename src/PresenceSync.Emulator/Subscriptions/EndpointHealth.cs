namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// The recent deliveries of one notification URL (a sliding window on the emulator clock) and the
/// penalty it is serving, if any. Not thread-safe: <see cref="EndpointHealthMonitor"/> locks.
/// </summary>
internal sealed class EndpointHealth
{
    private readonly Queue<(DateTimeOffset At, bool Slow, bool Failed)> _window = new();

    public EndpointState State { get; private set; } = EndpointState.Healthy;
    public DateTimeOffset? Until { get; private set; }
    public DateTimeOffset? LastFlaggedAt { get; private set; }

    /// <summary>Adds one delivery and re-judges the URL; returns the state in force afterwards.</summary>
    public EndpointState Record(DateTimeOffset at, bool slow, bool failed, int minimumDeliveries)
    {
        Expire(at);
        _window.Enqueue((at, slow, failed));
        if (_window.Count < minimumDeliveries) return State;
        var total = _window.Count;
        var slowCount = _window.Count(d => d.Slow);
        var failedCount = _window.Count(d => d.Failed);
        // Graph: "reaches 10 %" slow throttles the endpoint; 15 % or more drops its notifications.
        // Learn speaks of slow answers only; failures count towards the 15 % too (the stricter reading, README.md#where-the-docs-contradict-each-other).
        if (Share(failedCount, total) >= EndpointHealthMonitor.DropShare || Share(slowCount, total) >= EndpointHealthMonitor.DropShare)
            Flag(EndpointState.Dropping, at);
        else if (Share(slowCount, total) >= EndpointHealthMonitor.SlowShare && State != EndpointState.Dropping)
            Flag(EndpointState.Slow, at);
        return State;
    }

    /// <summary>The state at an instant: a penalty ends 10 minutes after the URL was flagged.</summary>
    public EndpointState StateAt(DateTimeOffset now)
    {
        Expire(now);
        return State;
    }

    public EndpointHealthSnapshot Snapshot(string url, DateTimeOffset now)
    {
        Expire(now);
        return new EndpointHealthSnapshot(url, State, Until, _window.Count, _window.Count(d => d.Slow), _window.Count(d => d.Failed), LastFlaggedAt);
    }

    private void Flag(EndpointState state, DateTimeOffset at)
    {
        State = state;
        Until = at + EndpointHealthMonitor.Penalty;
        LastFlaggedAt = at;
        // A flagged endpoint is judged again on the deliveries that follow (Graph flushes its counts).
        _window.Clear();
    }

    private void Expire(DateTimeOffset now)
    {
        while (_window.Count > 0 && _window.Peek().At <= now - EndpointHealthMonitor.Window) _window.Dequeue();
        if (Until is { } until && until <= now)
        {
            State = EndpointState.Healthy;
            Until = null;
        }
    }

    private static double Share(int part, int total) => total == 0 ? 0 : (double)part / total;
}
