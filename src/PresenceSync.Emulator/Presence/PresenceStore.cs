namespace PresenceSync.Emulator.Presence;

/// <summary>
/// Presence of every user: sessions, preferred presence, status message, out-of-office. Each
/// mutation re-evaluates the user's aggregate; when it differs from the last published one the user
/// gets a new, strictly increasing sequenceNumber and <see cref="Changed"/> fires (subscriptions
/// listen to it). Time-driven changes (a session that expires or fades, a preferred presence or a
/// status message that runs out) are kept in a queue by the instant they fall due, so that reading
/// and the clock's ticks cost only what actually changes, not a pass over every user.
/// </summary>
public sealed class PresenceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, UserPresence> _users = new();
    private readonly PriorityQueue<Guid, DateTimeOffset> _due = new();
    private readonly EmulatorClock _clock;
    private long _lastSequence;

    public PresenceStore(EmulatorClock clock) => _clock = clock;

    /// <summary>Raised (outside the lock) with the new aggregate whenever a user's presence changes.</summary>
    public event Action<PresenceView>? Changed;

    /// <summary>The user's current aggregate; re-evaluated only when a time-driven change has fallen due.</summary>
    public PresenceView Read(Guid userId)
    {
        PresenceView view;
        bool changed;
        lock (_gate)
        {
            var now = _clock.UtcNow;
            var p = Get(userId, now);
            if (p.View is { } cached && (p.NextDue is null || now < p.NextDue)) return cached;
            (view, changed) = Evaluate(p, now);
        }
        if (changed) Changed?.Invoke(view);
        return view;
    }

    /// <summary>Applies a change under the store's lock, then publishes the new aggregate.</summary>
    public PresenceView Mutate(Guid userId, Action<UserPresence> change) => MutateWith(userId, p => { change(p); return true; }).View;

    public (PresenceView View, T Result) MutateWith<T>(Guid userId, Func<UserPresence, T> change)
    {
        PresenceView view;
        bool changed;
        T result;
        lock (_gate)
        {
            var now = _clock.UtcNow;
            var p = Get(userId, now);
            result = change(p);
            (view, changed) = Evaluate(p, _clock.UtcNow);
        }
        if (changed) Changed?.Invoke(view);
        return (view, result);
    }

    /// <summary>Re-evaluates the users whose time-driven change has fallen due (after the clock moved): fades and expiries publish changes.</summary>
    public void EvaluateAll()
    {
        var changes = new List<PresenceView>();
        lock (_gate)
        {
            var now = _clock.UtcNow;
            while (_due.TryPeek(out var userId, out var at) && at <= now)
            {
                _due.Dequeue();
                // Entries left behind by a later re-evaluation are stale: the user's NextDue moved on.
                if (_users.TryGetValue(userId, out var p) && p.NextDue is { } due && due <= now)
                {
                    var (view, changed) = Evaluate(p, now);
                    if (changed) changes.Add(view);
                }
            }
        }
        foreach (var view in changes) Changed?.Invoke(view);
    }

    /// <summary>A copy of a user's layers, for the control API's inspection.</summary>
    public T Inspect<T>(Guid userId, Func<UserPresence, T> read)
    {
        PresenceView view;
        bool changed;
        T result;
        lock (_gate)
        {
            var now = _clock.UtcNow;
            var p = Get(userId, now);
            (view, changed) = Evaluate(p, now);
            result = read(p);
        }
        if (changed) Changed?.Invoke(view);
        return result;
    }

    private UserPresence Get(Guid userId, DateTimeOffset now)
    {
        if (_users.TryGetValue(userId, out var p)) return p;
        _users[userId] = p = new UserPresence { UserId = userId };
        // Publish the state before the first change, so that a user's first change is a change.
        Evaluate(p, now);
        return p;
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
        p.View = new PresenceView(p.UserId, p.Availability, p.Activity, p.StatusMessage, p.IsOutOfOffice, p.OutOfOfficeMessage, p.SequenceNumber, p.WorkLocation);
        p.NextDue = NextChange(p, now);
        if (p.NextDue is { } next) _due.Enqueue(p.UserId, next);
        return (p.View, changed);
    }

    /// <summary>The earliest instant after now at which time alone can change the user's aggregate, if any.</summary>
    private static DateTimeOffset? NextChange(UserPresence p, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at is { } t && t > now && (next is null || t < next)) next = t;
        }
        foreach (var s in p.Sessions.Values)
        {
            Consider(s.ExpiresAt);
            if (s.Kind == SessionKind.App && s.Availability == "Available")
            {
                Consider(s.RefreshedAt + PresenceRules.FadeToInactive);
                Consider(s.RefreshedAt + PresenceRules.FadeToAway);
            }
        }
        Consider(p.Preferred?.ExpiresAt);
        Consider(p.StatusMessage?.ExpiryDateTime);
        return next;
    }

    /// <summary>Fixed-width upper-case hex of a strictly increasing counter: lexicographic order = version order.</summary>
    private string NextSequence(DateTimeOffset now)
    {
        _lastSequence = Math.Max(_lastSequence + 1, now.UtcTicks);
        return _lastSequence.ToString("X16");
    }
}
