using System.Text.Json.Nodes;

namespace PresenceSync.Emulator.Control;

/// <summary>
/// Exact request counters for assertions such as "reading N users took ceil(N/650) requests" and
/// "a second pass made zero writes". Every /v1.0 request is counted once under its operation key,
/// whatever its outcome; each $batch item is also counted under its own key.
/// </summary>
public sealed class Statistics
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _byEndpoint = new();
    private readonly Dictionary<string, long> _byApp = new();
    private readonly Dictionary<string, Dictionary<string, long>> _byAppEndpoint = new();
    private readonly Dictionary<string, long> _byStatus = new();
    private readonly Dictionary<string, long> _writesByUser = new();
    private readonly Dictionary<string, long> _tokenRequests = new();
    private readonly Dictionary<string, long> _notifications = new();
    private long _total, _throttled, _writes;
    private DateTimeOffset _since = DateTimeOffset.UtcNow;

    public void RecordRequest(string endpoint, string app, int status)
    {
        lock (_gate)
        {
            _total++;
            Inc(_byEndpoint, endpoint);
            Inc(_byApp, app);
            if (!_byAppEndpoint.TryGetValue(app, out var perApp)) _byAppEndpoint[app] = perApp = new();
            Inc(perApp, endpoint);
            Inc(_byStatus, status.ToString());
            if (status == 429) _throttled++;
        }
    }

    /// <summary>Counts a presence write request (setPresence, clearPresence, preferred, status message) for a user.</summary>
    public void RecordPresenceWrite(string userId)
    {
        lock (_gate) { _writes++; Inc(_writesByUser, userId.ToLowerInvariant()); }
    }

    public void RecordThrottledItem() { lock (_gate) _throttled++; }
    public void RecordTokenRequest(string grantType) { lock (_gate) Inc(_tokenRequests, grantType); }
    /// <summary>kind: sent (POSTs attempted), delivered, failed, dropped, notifications (items), lifecycle, handshakes.</summary>
    public void RecordNotification(string kind, long count = 1) { lock (_gate) _notifications[kind] = _notifications.GetValueOrDefault(kind) + count; }

    public long Requests(string endpoint) { lock (_gate) return _byEndpoint.GetValueOrDefault(endpoint); }
    public long Writes(string userId) { lock (_gate) return _writesByUser.GetValueOrDefault(userId.ToLowerInvariant()); }
    public long TotalWrites { get { lock (_gate) return _writes; } }
    public long Throttled { get { lock (_gate) return _throttled; } }
    public long TokenRequests(string grantType) { lock (_gate) return _tokenRequests.GetValueOrDefault(grantType); }
    public long Notifications(string kind) { lock (_gate) return _notifications.GetValueOrDefault(kind); }

    public void Reset()
    {
        lock (_gate)
        {
            _byEndpoint.Clear(); _byApp.Clear(); _byAppEndpoint.Clear(); _byStatus.Clear();
            _writesByUser.Clear(); _tokenRequests.Clear(); _notifications.Clear();
            _total = _throttled = _writes = 0;
            _since = DateTimeOffset.UtcNow;
        }
    }

    public JsonObject ToJson()
    {
        lock (_gate)
        {
            var perApp = new JsonObject();
            foreach (var (app, endpoints) in _byAppEndpoint) perApp[app] = Obj(endpoints);
            return new JsonObject
            {
                ["since"] = _since.ToString("O"),
                ["totalRequests"] = _total,
                ["throttled"] = _throttled,
                ["presenceWrites"] = _writes,
                ["byEndpoint"] = Obj(_byEndpoint),
                ["byApp"] = Obj(_byApp),
                ["byAppAndEndpoint"] = perApp,
                ["byStatus"] = Obj(_byStatus),
                ["writesByUser"] = Obj(_writesByUser),
                ["tokenRequests"] = Obj(_tokenRequests),
                ["notifications"] = Obj(_notifications),
            };
        }
    }

    private static void Inc(Dictionary<string, long> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;

    private static JsonObject Obj(Dictionary<string, long> d)
    {
        var o = new JsonObject();
        foreach (var (k, v) in d.OrderBy(p => p.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}
