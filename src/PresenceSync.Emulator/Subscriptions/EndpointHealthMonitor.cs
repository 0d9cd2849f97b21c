namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Graph's policing of notification endpoints, per notification URL (shared by every subscription
/// that uses it). Each change delivery (one POST) counts as slow when it is answered later than the
/// slow threshold (Graph: 2,900 ms of its 3 s timeout; a timeout is slow too) and as failed when no
/// 2xx arrives within the delivery timeout. Once the URL has had at least
/// <see cref="EmulatorOptions.EndpointHealthMinimumDeliveries"/> deliveries in the last 10 minutes
/// of emulator time: 15 % or more failed (or slow) deliveries flag it <see cref="EndpointState.Dropping"/>
/// for 10 minutes; otherwise 10 % or more slow deliveries flag it <see cref="EndpointState.Slow"/>
/// for 10 minutes. Flagging starts a fresh count.
/// </summary>
public sealed class EndpointHealthMonitor
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Penalty = TimeSpan.FromMinutes(10);
    public const double SlowShare = 0.10;
    public const double DropShare = 0.15;

    private readonly object _gate = new();
    private readonly Dictionary<string, EndpointHealth> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _minimumDeliveries;

    public EndpointHealthMonitor(int minimumDeliveries) => _minimumDeliveries = Math.Max(1, minimumDeliveries);

    /// <summary>Records one delivery to the URL; returns the URL's state afterwards.</summary>
    public EndpointState Record(string url, DateTimeOffset at, bool slow, bool failed)
    {
        lock (_gate)
        {
            if (!_endpoints.TryGetValue(url, out var health)) _endpoints[url] = health = new EndpointHealth();
            return health.Record(at, slow, failed, _minimumDeliveries);
        }
    }

    public EndpointState StateOf(string url, DateTimeOffset now)
    {
        lock (_gate) return _endpoints.TryGetValue(url, out var health) ? health.StateAt(now) : EndpointState.Healthy;
    }

    public IReadOnlyList<EndpointHealthSnapshot> Snapshot(DateTimeOffset now)
    {
        lock (_gate) return _endpoints.Select(e => e.Value.Snapshot(e.Key, now)).ToList();
    }

    /// <summary>Forgets every URL's history and penalty (control API).</summary>
    public void Reset()
    {
        lock (_gate) _endpoints.Clear();
    }
}
