using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PresenceSync.Emulator;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>Plain HttpClient wrapper for the control API (/_emulator), which is not Graph.</summary>
public sealed class ControlClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _base;

    public ControlClient(EmulatorConnection c)
    {
        _http = EmulatorGraph.PinnedHttpClient(c);
        _base = c.ControlUrl;
    }

    public async Task<JsonObject> GetAsync(string path) => (JsonObject)(await GetNodeAsync(path))!;

    public async Task<JsonNode?> GetNodeAsync(string path)
    {
        var text = await _http.GetStringAsync(_base + path);
        return JsonNode.Parse(text);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public Task AdvanceAsync(TimeSpan by) => SendAsync(HttpMethod.Post, "/clock/advance", new { seconds = by.TotalSeconds });
    public Task ResetStatsAsync() => SendAsync(HttpMethod.Post, "/stats/reset");
    public Task<JsonObject> StatsAsync() => GetAsync("/stats");

    /// <summary>
    /// The statistics once they show what the test is about to check (real time, bounded). The
    /// emulator counts a request when its pipeline ends, just after the answer was written: a client
    /// that already has its answer may read the statistics a moment before that request is counted.
    /// </summary>
    public async Task<JsonObject> StatsAsync(Func<JsonObject, bool> settled, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var stats = await StatsAsync();
            if (settled(stats) || DateTime.UtcNow > deadline) return stats;
            await Task.Delay(20);
        }
    }

    public async Task<long> RequestsAsync(string endpoint) => (long?)(await StatsAsync())["byEndpoint"]?[endpoint] ?? 0;

    /// <summary>The count for an endpoint once it has reached atLeast (bounded; see <see cref="StatsAsync(Func{JsonObject, bool}, int)"/>), so that an exact assertion on it still sees any extra request.</summary>
    public async Task<long> RequestsAsync(string endpoint, long atLeast) =>
        (long?)(await StatsAsync(s => ((long?)s["byEndpoint"]?[endpoint] ?? 0) >= atLeast))["byEndpoint"]?[endpoint] ?? 0;

    public Task SetDeviceAsync(string user, string device, string availability, string activity) =>
        SendAsync(HttpMethod.Put, $"/users/{user}/devices/{device}", new { availability, activity });

    public Task SignOutAsync(string user, string? device = null) =>
        SendAsync(HttpMethod.Delete, device is null ? $"/users/{user}/devices" : $"/users/{user}/devices/{device}");

    public Task SetPreferredAsync(string user, string availability, string activity) =>
        SendAsync(HttpMethod.Put, $"/users/{user}/preferred", new { availability, activity });

    public Task<JsonObject> InspectAsync(string user) => GetAsync($"/users/{user}/presence");

    public Task ApproveDeviceCodeAsync(string userCode, string user) =>
        SendAsync(HttpMethod.Post, "/devicecodes/approve", new { userCode, user });

    public Task SetWorkLocationAsync(string user, string workLocationType, string source, string? placeId = null) =>
        SendAsync(HttpMethod.Put, $"/users/{user}/workLocation", new { workLocationType, source, placeId });

    /// <summary>The emulator's delivery log for one subscription (GET /notifications), oldest first.</summary>
    public async Task<List<JsonObject>> NotificationLogAsync(string subscriptionId) =>
        (await GetAsync("/notifications"))["value"]!.AsArray().Select(r => r!.AsObject())
            .Where(r => (string?)r["subscriptionId"] == subscriptionId).ToList();

    /// <summary>
    /// Polls the delivery log (real time, bounded) until the predicate holds; returns the last log read.
    /// It returns as soon as the predicate holds, so the generous default bound costs nothing when
    /// the test passes and only keeps a loaded CI machine from failing a test that is merely slow.
    /// </summary>
    public async Task<List<JsonObject>> WaitForLogAsync(string subscriptionId, Func<List<JsonObject>, bool> done, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var log = await NotificationLogAsync(subscriptionId);
            if (done(log) || DateTime.UtcNow > deadline) return log;
            await Task.Delay(20);
        }
    }

    /// <summary>The health the emulator keeps for a notification URL (GET /notifications/endpoints), or null before its first delivery.</summary>
    public async Task<JsonObject?> EndpointAsync(string url) =>
        ((JsonArray)(await GetNodeAsync("/notifications/endpoints"))!).Select(e => e!.AsObject()).FirstOrDefault(e => (string?)e["url"] == url);

    public Task AddFaultAsync(object rule) => SendAsync(HttpMethod.Post, "/faults", rule);
    public Task ClearFaultsAsync() => SendAsync(HttpMethod.Delete, "/faults");

    public void Dispose() => _http.Dispose();
}
