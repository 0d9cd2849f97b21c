namespace PresenceSync.Emulator.Subscriptions;

/// <summary>All subscriptions, including expired ones (kept so that renewing them answers "not found").</summary>
public sealed class SubscriptionStore
{
    private readonly object _gate = new();
    private readonly List<Subscription> _all = new();

    public void Add(Subscription s) { lock (_gate) _all.Add(s); }

    public Subscription? Find(Guid id) { lock (_gate) return _all.FirstOrDefault(s => s.Id == id && !s.Deleted); }

    public IReadOnlyList<Subscription> All { get { lock (_gate) return _all.Where(s => !s.Deleted).ToList(); } }

    public IReadOnlyList<Subscription> Active(DateTimeOffset now) { lock (_gate) return _all.Where(s => s.IsActive(now)).ToList(); }

    public IReadOnlyList<Subscription> Watching(Guid userId, DateTimeOffset now)
    {
        lock (_gate) return _all.Where(s => s.IsActive(now) && s.UserIds.Contains(userId)).ToList();
    }
}
