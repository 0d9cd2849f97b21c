namespace PresenceSync.Emulator.Presence;

/// <summary>
/// Presence of every user: sessions, preferred presence, status message, out-of-office. Each
/// mutation or clock change re-evaluates the aggregate; when it differs from the last published
/// one the user gets a new, strictly increasing sequenceNumber and <see cref="Changed"/> fires
/// (subscriptions listen to it).
/// </summary>
public sealed class PresenceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, UserPresence> _users = new();
    private readonly EmulatorClock _clock;
    private long _lastSequence;

    public PresenceStore(EmulatorClock clock) => _clock = clock;

    /// <summary>Raised (outside the lock) with the new aggregate whenever a user's presence changes.</summary>
    public event Action<PresenceView>? Changed;

    public PresenceView Read(Guid userId) => Mutate(userId, _ => { });

    /// <summary>Applies a change under the store's lock, then publishes the new aggregate.</summary>
    public PresenceView Mutate(Guid userId, Action<UserPresence> change) => MutateWith(userId, p => { change(p); return true; }).View;

    public (PresenceView View, T Result) MutateWith<T>(Guid userId, Func<UserPresence, T> change)
    {
        PresenceView view;
        bool changed;
        T result;
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var p)) _users[userId] = p = new UserPresence { UserId = userId };
            // Publish the state before the change first, so that a user's first change is a change.
            if (p.Fingerprint is null) Evaluate(p, _clock.UtcNow);
            result = change(p);
            (view, changed) = Evaluate(p, _clock.UtcNow);
        }
        if (changed) Changed?.Invoke(view);
        return (view, result);
    }

    /// <summary>Re-evaluates every user (after the clock moved): fades and expiries publish changes.</summary>
    public void EvaluateAll()
    {
        var changes = new List<PresenceView>();
        lock (_gate)
        {
            var now = _clock.UtcNow;
            foreach (var p in _users.Values)
            {
                var (view, changed) = Evaluate(p, now);
                if (changed) changes.Add(view);
            }
        }
        foreach (var view in changes) Changed?.Invoke(view);
    }

    /// <summary>A copy of a user's layers, for the control API's inspection.</summary>
    public T Inspect<T>(Guid userId, Func<UserPresence, T> read)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var p)) _users[userId] = p = new UserPresence { UserId = userId };
            Evaluate(p, _clock.UtcNow);
            return read(p);
        }
    }

    private (PresenceView, bool) Evaluate(UserPresence p, DateTimeOffset now)
    {
        // Expired layers are dropped: an expired app session no longer counts at all.
        foreach (var key in p.Sessions.Where(s => s.Value.ExpiresAt is { } e && e <= now).Select(s => s.Key).ToList())
            p.Sessions.Remove(key);
        if (p.Preferred is { } pref && pref.ExpiresAt <= now) p.Preferred = null;
        if (p.StatusMessage?.ExpiryDateTime is { } msgExpiry && msgExpiry <= now) p.StatusMessage = null;

        var (availability, activity) = PresenceAggregator.Compute(p, now);
        var fingerprint = string.Join('|', availability, activity, p.StatusMessage?.Content, p.StatusMessage?.ExpiryDateTime?.ToString("O"),
            p.IsOutOfOffice, p.OutOfOfficeMessage, p.WorkLocation);
        var changed = false;
        if (fingerprint != p.Fingerprint)
        {
            changed = p.Fingerprint is not null;
            p.Fingerprint = fingerprint;
            p.Availability = availability;
            p.Activity = activity;
            p.SequenceNumber = NextSequence(now);
        }
        return (new PresenceView(p.UserId, p.Availability, p.Activity, p.StatusMessage, p.IsOutOfOffice, p.OutOfOfficeMessage, p.SequenceNumber, p.WorkLocation), changed);
    }

    /// <summary>Fixed-width upper-case hex of a strictly increasing counter: lexicographic order = version order.</summary>
    private string NextSequence(DateTimeOffset now)
    {
        _lastSequence = Math.Max(_lastSequence + 1, now.UtcTicks);
        return _lastSequence.ToString("X16");
    }
}
