using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Delivers change notifications: queues every presence change for the subscriptions watching the
/// user, batches what is due per subscription into one POST, and retries failures on the emulator
/// clock (1, 2, 4 ... minutes, capped at 30) for up to 4 hours, then drops them. A delivery fails
/// when no 2xx arrives within DeliveryTimeout. Each POST is reported to the
/// <see cref="EndpointHealthMonitor"/>: a URL flagged slow gets its notifications 10 minutes late
/// (and its failures retried after 10 minutes), one flagged failing has them dropped. Also sends
/// the validation handshake and lifecycle notifications.
/// </summary>
internal sealed class Notifier : IAsyncDisposable
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(4);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);
    private const int MaxRecords = 20000;

    private readonly EmulatorState _s;
    private readonly WebhookSender _sender;
    private readonly object _gate = new();
    private readonly List<PendingNotification> _pending = new();
    private readonly List<NotificationRecord> _records = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sequence;

    public Notifier(EmulatorState state, HttpClient outbound)
    {
        _s = state;
        _sender = new WebhookSender(state, outbound, _stop.Token);
        _s.Presence.Changed += OnPresenceChanged;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<NotificationRecord> Records { get { lock (_gate) return _records.ToList(); } }
    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    /// <summary>Wakes the delivery loop (after the clock moved, so retries and delays fall due at once).</summary>
    public void Poke() => _signal.Release();

    public Task<string?> HandshakeAsync(string url) => _sender.HandshakeAsync(url);

    private void OnPresenceChanged(PresenceView view)
    {
        var now = _s.Clock.UtcNow;
        var subs = _s.Subscriptions.Watching(view.Id, now);
        if (subs.Count == 0) return;
        lock (_gate)
            foreach (var sub in subs)
            {
                if (sub.NeedsReauthorization)
                {
                    Record(now, sub, "change", new[] { view.Id }, 0, "dropped-reauthorizationRequired", null);
                    continue;
                }
                _pending.Add(new PendingNotification { Subscription = sub, View = view, QueuedAt = now, NextAttempt = now });
            }
        Poke();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(TimeSpan.FromMilliseconds(200), _stop.Token);
                await DeliverDueAsync();
            }
            catch (OperationCanceledException) { }
        }
    }

    private async Task DeliverDueAsync()
    {
        var now = _s.Clock.UtcNow;
        List<IGrouping<Subscription, PendingNotification>> groups;
        lock (_gate)
        {
            var due = _pending.Where(p => p.NextAttempt <= now).ToList();
            foreach (var p in due) _pending.Remove(p);
            groups = due.GroupBy(p => p.Subscription).ToList();
        }
        await Task.WhenAll(groups.Select(g => DeliverAsync(g.Key, g.ToList(), now)));
    }

    private async Task DeliverAsync(Subscription sub, List<PendingNotification> batch, DateTimeOffset now)
    {
        var attempt = batch.Max(b => b.Attempts) + 1;
        if (!sub.IsActive(now) || sub.NeedsReauthorization)
        {
            Drop(now, sub, batch, attempt, sub.IsActive(now) ? "dropped-reauthorizationRequired" : "dropped-expired");
            return;
        }
        // Retried for up to 4 hours: what is still undelivered after that is given up.
        var expired = batch.Where(b => now - b.QueuedAt >= RetryFor).ToList();
        if (expired.Count > 0)
        {
            Drop(now, sub, expired, attempt, "dropped-retryExpired");
            batch = batch.Except(expired).ToList();
            if (batch.Count == 0) return;
        }
        if (!sub.IsEventHub)
        {
            batch = Police(sub, batch, now, attempt);
            if (batch.Count == 0) return;
        }
        if (_s.Faults.TakeFor(Control.FaultRule.GraphTarget, sub.NotificationUrl, sub.ApplicationId.ToString(), _s.Directory.TenantId, "dropNotifications", "delayNotifications") is { } fault)
        {
            if (fault.Kind == "dropNotifications")
            {
                Drop(now, sub, batch, attempt, "dropped-fault");
                return;
            }
            Postpone(now, sub, batch, attempt, now.AddSeconds(fault.DelaySeconds), "delayed-fault");
            return;
        }
        var ids = batch.Select(b => b.View.Id).ToList();
        if (sub.IsEventHub)
        {
            // No network to Event Hubs here: the delivery is recorded, not sent.
            lock (_gate) Record(now, sub, "change", ids, attempt, "eventhub", null);
            _s.Statistics.RecordNotification("delivered", batch.Count);
            return;
        }
        var body = NotificationPayload.Changes(_s, sub, batch.Select(b => b.View).ToList()).ToJsonString();
        _s.Statistics.RecordNotification("sent");
        _s.Statistics.RecordNotification("items", batch.Count);
        var result = await _sender.PostAsync(sub.NotificationUrl, body, _s.Options.DeliveryTimeout);
        var slow = result.TimedOut || result.Elapsed > _s.Options.EffectiveSlowThreshold;
        var state = _s.EndpointHealth.Record(sub.NotificationUrl, now, slow, !result.Succeeded);
        var elapsedMs = (int)result.Elapsed.TotalMilliseconds;
        lock (_gate)
        {
            if (result.Succeeded)
            {
                _s.Statistics.RecordNotification("delivered", batch.Count);
                Record(now, sub, "change", ids, attempt, "delivered", result.Status, elapsedMs);
                return;
            }
            _s.Statistics.RecordNotification("failed", batch.Count);
            Record(now, sub, "change", ids, attempt, "failed", result.Status, elapsedMs);
            var giveUp = new List<PendingNotification>();
            foreach (var b in batch)
            {
                b.Attempts++;
                // A throttled (slow) endpoint's failures are retried after 10 minutes, as Graph does.
                var backoff = state == EndpointState.Slow
                    ? EndpointHealthMonitor.Penalty
                    : TimeSpan.FromMinutes(Math.Min(MaxBackoff.TotalMinutes, Math.Pow(2, b.Attempts - 1)));
                b.NextAttempt = now + backoff;
                if (b.NextAttempt - b.QueuedAt > RetryFor) giveUp.Add(b);
                else _pending.Add(b);
            }
            if (giveUp.Count > 0) DropLocked(now, sub, giveUp, attempt, "dropped-retryExpired");
        }
    }

    /// <summary>
    /// Applies the endpoint's health: a failing endpoint has the batch dropped, a slow one has every
    /// notification held until it is 10 minutes old. Returns what may be sent now.
    /// </summary>
    private List<PendingNotification> Police(Subscription sub, List<PendingNotification> batch, DateTimeOffset now, int attempt)
    {
        switch (_s.EndpointHealth.StateOf(sub.NotificationUrl, now))
        {
            case EndpointState.Dropping:
                Drop(now, sub, batch, attempt, "dropped-endpointFailing");
                return new();
            case EndpointState.Slow:
                var held = batch.Where(b => b.QueuedAt + EndpointHealthMonitor.Penalty > now).ToList();
                foreach (var group in held.GroupBy(b => b.QueuedAt + EndpointHealthMonitor.Penalty))
                    Postpone(now, sub, group.ToList(), attempt, group.Key, "delayed-endpointSlow");
                return batch.Except(held).ToList();
            default:
                return batch;
        }
    }

    private void Postpone(DateTimeOffset now, Subscription sub, List<PendingNotification> items, int attempt, DateTimeOffset until, string outcome)
    {
        lock (_gate)
        {
            foreach (var b in items) b.NextAttempt = until;
            _pending.AddRange(items);
            _s.Statistics.RecordNotification("delayed", items.Count);
            Record(now, sub, "change", items.Select(b => b.View.Id).ToList(), attempt, outcome, null);
        }
    }

    private void Drop(DateTimeOffset now, Subscription sub, List<PendingNotification> items, int attempt, string outcome)
    {
        lock (_gate) DropLocked(now, sub, items, attempt, outcome);
    }

    private void DropLocked(DateTimeOffset now, Subscription sub, List<PendingNotification> items, int attempt, string outcome)
    {
        _s.Statistics.RecordNotification("dropped", items.Count);
        Record(now, sub, "change", items.Select(b => b.View.Id).ToList(), attempt, outcome, null);
    }

    /// <summary>Sends a lifecycle notification (reauthorizationRequired) to the lifecycle URL, if one was set.</summary>
    public async Task SendLifecycleAsync(Subscription sub, string lifecycleEvent)
    {
        var now = _s.Clock.UtcNow;
        if (lifecycleEvent == "reauthorizationRequired") sub.NeedsReauthorization = true;
        if (sub.LifecycleNotificationUrl is not { } url) return;
        _s.Statistics.RecordNotification("lifecycle");
        var result = await _sender.PostAsync(url, NotificationPayload.Lifecycle(_s, sub, lifecycleEvent).ToJsonString(), _s.Options.DeliveryTimeout);
        lock (_gate)
            _records.Add(new NotificationRecord(++_sequence, now, sub.Id, lifecycleEvent, url, Array.Empty<Guid>(), 1,
                result.Succeeded ? "delivered" : "failed", result.Status, (int)result.Elapsed.TotalMilliseconds));
    }

    /// <summary>Appends a record for a change notification; call under the lock.</summary>
    private void Record(DateTimeOffset at, Subscription sub, string kind, IReadOnlyList<Guid> ids, int attempt, string outcome, int? status, int? elapsedMs = null)
    {
        _records.Add(new NotificationRecord(++_sequence, at, sub.Id, kind, sub.NotificationUrl, ids, attempt, outcome, status, elapsedMs));
        if (_records.Count > MaxRecords) _records.RemoveRange(0, _records.Count - MaxRecords);
    }

    public async ValueTask DisposeAsync()
    {
        _s.Presence.Changed -= OnPresenceChanged;
        _stop.Cancel();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
