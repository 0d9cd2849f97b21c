using System.Text;
using PresenceSync.Emulator.Presence;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// Delivers change notifications: queues every presence change for the subscriptions watching the
/// user, batches what is due per subscription into one POST, and retries failures on the emulator
/// clock (1, 2, 4 ... minutes, capped at 30) for up to 4 hours. Also runs the validation handshake
/// and sends lifecycle notifications.
/// </summary>
internal sealed class Notifier : IAsyncDisposable
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(4);
    private const int MaxRecords = 20000;

    private readonly EmulatorState _s;
    private readonly HttpClient _http;
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
        _http = outbound;
        _s.Presence.Changed += OnPresenceChanged;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<NotificationRecord> Records { get { lock (_gate) return _records.ToList(); } }
    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    /// <summary>Wakes the delivery loop (after the clock moved, so retries and delays fall due at once).</summary>
    public void Poke() => _signal.Release();

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
                    Record(now, sub, "change", sub.NotificationUrl, new[] { view.Id }, 0, "dropped-reauthorizationRequired", null);
                    continue;
                }
                _pending.Add(new PendingNotification { Subscription = sub, View = view, FirstAttempt = now, NextAttempt = now });
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
        var ids = batch.Select(b => b.View.Id).ToList();
        var attempt = batch.Max(b => b.Attempts) + 1;
        if (!sub.IsActive(now) || sub.NeedsReauthorization)
        {
            lock (_gate) Record(now, sub, "change", sub.NotificationUrl, ids, attempt, sub.IsActive(now) ? "dropped-reauthorizationRequired" : "dropped-expired", null);
            return;
        }
        if (_s.Faults.Take(sub.NotificationUrl, sub.ApplicationId.ToString(), "dropNotifications", "delayNotifications") is { } fault)
        {
            lock (_gate)
            {
                if (fault.Kind == "dropNotifications")
                {
                    _s.Statistics.RecordNotification("dropped", batch.Count);
                    Record(now, sub, "change", sub.NotificationUrl, ids, attempt, "dropped-fault", null);
                    return;
                }
                foreach (var b in batch) b.NextAttempt = now.AddSeconds(fault.DelaySeconds);
                _pending.AddRange(batch);
                Record(now, sub, "change", sub.NotificationUrl, ids, attempt, "delayed-fault", null);
                return;
            }
        }
        if (sub.IsEventHub)
        {
            // No network to Event Hubs here: the delivery is recorded, not sent.
            lock (_gate) Record(now, sub, "change", sub.NotificationUrl, ids, attempt, "eventhub", null);
            _s.Statistics.RecordNotification("delivered", batch.Count);
            return;
        }
        var body = NotificationPayload.Changes(_s, sub, batch.Select(b => b.View).ToList()).ToJsonString();
        _s.Statistics.RecordNotification("sent");
        _s.Statistics.RecordNotification("items", batch.Count);
        var status = await PostAsync(sub.NotificationUrl, body, _s.Options.DeliveryTimeout);
        lock (_gate)
        {
            if (status is >= 200 and < 300)
            {
                _s.Statistics.RecordNotification("delivered", batch.Count);
                Record(now, sub, "change", sub.NotificationUrl, ids, attempt, "delivered", status);
                return;
            }
            _s.Statistics.RecordNotification("failed", batch.Count);
            Record(now, sub, "change", sub.NotificationUrl, ids, attempt, "failed", status);
            foreach (var b in batch)
            {
                b.Attempts++;
                if (now - b.FirstAttempt >= RetryFor) { _s.Statistics.RecordNotification("dropped"); continue; }
                var backoff = TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, b.Attempts - 1)));
                b.NextAttempt = now + backoff;
                _pending.Add(b);
            }
        }
    }

    /// <summary>POSTs JSON; returns the status, or null on timeout / connection failure.</summary>
    private async Task<int?> PostAsync(string url, string json, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        cts.CancelAfter(timeout);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(url, content, cts.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Graph's validation handshake: POST ?validationToken=..., expect 200 text/plain echoing it within the timeout.</summary>
    public async Task<string?> HandshakeAsync(string url)
    {
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        var target = url + (url.Contains('?') ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token);
        _s.Statistics.RecordNotification("handshakes");
        using var cts = new CancellationTokenSource(_s.Options.HandshakeTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent("", Encoding.UTF8, "text/plain") };
            using var response = await _http.SendAsync(request, cts.Token);
            var echoed = await response.Content.ReadAsStringAsync(cts.Token);
            if ((int)response.StatusCode != 200)
                return $"Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request (got {(int)response.StatusCode}).";
            if (echoed != token)
                return "Subscription validation request failed. Response must exactly match validationToken query parameter.";
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"Subscription validation request timed out after {_s.Options.HandshakeTimeout.TotalSeconds:0} s.";
        }
        catch (HttpRequestException e)
        {
            return $"Subscription validation request failed: {e.Message}";
        }
    }

    /// <summary>Sends a lifecycle notification (reauthorizationRequired) to the lifecycle URL, if one was set.</summary>
    public async Task SendLifecycleAsync(Subscription sub, string lifecycleEvent)
    {
        var now = _s.Clock.UtcNow;
        if (lifecycleEvent == "reauthorizationRequired") sub.NeedsReauthorization = true;
        if (sub.LifecycleNotificationUrl is not { } url) return;
        _s.Statistics.RecordNotification("lifecycle");
        var status = await PostAsync(url, NotificationPayload.Lifecycle(_s, sub, lifecycleEvent).ToJsonString(), _s.Options.DeliveryTimeout);
        lock (_gate) Record(now, sub, lifecycleEvent, url, Array.Empty<Guid>(), 1, status is >= 200 and < 300 ? "delivered" : "failed", status);
    }

    private void Record(DateTimeOffset at, Subscription sub, string kind, string url, IReadOnlyList<Guid> ids, int attempt, string outcome, int? status)
    {
        _records.Add(new NotificationRecord(++_sequence, at, sub.Id, kind, url, ids, attempt, outcome, status));
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
