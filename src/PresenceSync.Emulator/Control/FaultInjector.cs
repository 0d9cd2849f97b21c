namespace PresenceSync.Emulator.Control;

/// <summary>Holds active fault rules and revoked permissions; consulted by the Graph gateway and the notifier.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private readonly Dictionary<Guid, HashSet<string>> _revoked = new();
    private readonly EmulatorClock _clock;

    public FaultInjector(EmulatorClock clock) => _clock = clock;

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    public IReadOnlyList<FaultRule> Rules { get { lock (_gate) { Prune(); return _rules.ToList(); } } }

    public void Clear() { lock (_gate) _rules.Clear(); }
    public bool Remove(string id) { lock (_gate) return _rules.RemoveAll(r => r.Id == id) > 0; }

    /// <summary>Takes (consumes one use of) the first matching rule of one of the given kinds.</summary>
    public FaultRule? Take(string path, string? appId, params string[] kinds)
    {
        lock (_gate)
        {
            Prune();
            var rule = _rules.FirstOrDefault(r => kinds.Contains(r.Kind)
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.OrdinalIgnoreCase))
                && (r.AppId is null || string.Equals(r.AppId, appId, StringComparison.OrdinalIgnoreCase)));
            if (rule?.Count is { } n)
            {
                rule.Count = n - 1;
                if (rule.Count <= 0) _rules.Remove(rule);
            }
            return rule;
        }
    }

    private void Prune()
    {
        var now = _clock.UtcNow;
        _rules.RemoveAll(r => r.Until is { } until && until <= now);
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
