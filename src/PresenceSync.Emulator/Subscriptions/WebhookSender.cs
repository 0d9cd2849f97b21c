using System.Diagnostics;
using System.Text;

namespace PresenceSync.Emulator.Subscriptions;

/// <summary>
/// The HTTP side of change notifications: the validation handshake and the POSTs, each bounded by
/// Graph's real-time limits (HandshakeTimeout, DeliveryTimeout).
/// </summary>
internal sealed class WebhookSender
{
    private readonly EmulatorState _s;
    private readonly HttpClient _http;
    private readonly CancellationToken _stopping;

    public WebhookSender(EmulatorState state, HttpClient outbound, CancellationToken stopping)
    {
        _s = state;
        _http = outbound;
        _stopping = stopping;
    }

    /// <summary>POSTs JSON; the status (null on timeout or connection failure), how long it took, and whether it timed out.</summary>
    public async Task<DeliveryResult> PostAsync(string url, string json, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        cts.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(url, content, cts.Token);
            return new DeliveryResult((int)response.StatusCode, watch.Elapsed, TimedOut: false);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return new DeliveryResult(null, watch.Elapsed, TimedOut: true);
        }
        catch (HttpRequestException)
        {
            return new DeliveryResult(null, watch.Elapsed, TimedOut: false);
        }
    }

    /// <summary>Graph's validation handshake: POST ?validationToken=... (URL-encoded), expect 200, text/plain, the decoded token, within the timeout.</summary>
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
            // Learn "change-notifications-delivery-webhooks": the answer must have a content type of text/plain.
            if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
                return $"Subscription validation request failed. The response must have Content-Type text/plain (got '{response.Content.Headers.ContentType?.MediaType ?? "none"}').";
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
}
