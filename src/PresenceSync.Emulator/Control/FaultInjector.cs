namespace PresenceSync.Emulator.Control;

/// <summary>
/// Holds active fault rules and revoked permissions for the whole emulator (a rule may name one
/// tenant); consulted by the Graph gateway, the identity endpoints, the TCP listener and the notifier.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private readonly Dictionary<Guid, HashSet<string>> _revoked = new();
    private readonly EmulatorClock _clock;
    private int _count;

    public FaultInjector(EmulatorClock clock) => _clock = clock;

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate) { _rules.Add(rule); _count = _rules.Count; }
        return rule;
    }

    public IReadOnlyList<FaultRule> Rules { get { lock (_gate) { Prune(); return _rules.ToList(); } } }

    public void Clear() { lock (_gate) { _rules.Clear(); _count = 0; } }
    public bool Remove(string id) { lock (_gate) { var removed = _rules.RemoveAll(r => r.Id == id) > 0; _count = _rules.Count; return removed; } }

    /// <summary>Takes (consumes one use of) the first matching Graph rule of one of the given kinds.</summary>
    public FaultRule? Take(string path, string? appId, params string[] kinds) => TakeFor(FaultRule.GraphTarget, path, appId, null, kinds);

    /// <summary>Takes the first rule of one of the kinds that matches the target, path, app and tenant.</summary>
    public FaultRule? TakeFor(string target, string path, string? appId, Guid? tenantId, params string[] kinds)
    {
        // Most requests meet no rule at all: answer them without the lock.
        if (Volatile.Read(ref _count) == 0) return null;
        lock (_gate)
        {
            Prune();
            var rule = _rules.FirstOrDefault(r => kinds.Contains(r.Kind)
                && (r.Kind is "stallConnections" or "dropNotifications" or "delayNotifications" || r.Target == target)
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.OrdinalIgnoreCase))
                && (r.AppId is null || string.Equals(r.AppId, appId, StringComparison.OrdinalIgnoreCase))
                && (r.TenantId is null || tenantId is null || r.TenantId == tenantId));
            if (rule?.Count is { } n)
            {
                rule.Count = n - 1;
                if (rule.Count <= 0) _rules.Remove(rule);
                _count = _rules.Count;
            }
            return rule;
        }
    }

    private void Prune()
    {
        var now = _clock.UtcNow;
        _rules.RemoveAll(r => r.Until is { } until && until <= now);
        _count = _rules.Count;
    }

    /// <summary>Permissions taken away from an app: removed from new tokens and ignored in existing ones.</summary>
    public void Revoke(Guid appId, string permission)
    {
        lock (_gate)
        {
            if (!_revoked.TryGetValue(appId, out var set)) _revoked[appId] = set = new(StringComparer.OrdinalIgnoreCase);
            set.Add(permission);
        }
    }

    public void Restore(Guid appId) { lock (_gate) _revoked.Remove(appId); }

    public IReadOnlyCollection<string> RevokedPermissions(Guid appId)
    {
        lock (_gate) return _revoked.TryGetValue(appId, out var set) ? set.ToList() : Array.Empty<string>();
    }
}
