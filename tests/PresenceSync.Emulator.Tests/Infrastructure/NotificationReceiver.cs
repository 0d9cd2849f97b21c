using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PresenceSync.Emulator.Tests.Infrastructure;

/// <summary>
/// A loopback notification endpoint (http://127.0.0.1:PORT/notify and /lifecycle) that answers the
/// validation handshake the way a test wants and records every POST body.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<JsonObject> Notifications { get; } = new();
    public ConcurrentQueue<JsonObject> Lifecycle { get; } = new();
    /// <summary>Every validation request: its Content-Type and its raw (still URL-encoded) query string.</summary>
    public ConcurrentQueue<(string? ContentType, string RawQuery)> Handshakes { get; } = new();
    /// <summary>echo (correct), wrong (answers something else), slow (answers after 5 s), error (500), json (the right token as application/json).</summary>
    public string HandshakeMode { get; set; } = "echo";
    /// <summary>How many of the next deliveries answer 500 (to exercise retries).</summary>
    public int FailNext;
    /// <summary>How many of the next deliveries answer only after <see cref="SlowDelayMs"/> (to exceed the delivery timeout).</summary>
    public int SlowNext;
    public int SlowDelayMs = 1600;
    /// <summary>Every change notification POST with the real time it arrived.</summary>
    public ConcurrentQueue<(DateTimeOffset At, JsonObject Body)> Timeline { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public string NotifyUrl => BaseUrl + "/notify";
    public string LifecycleUrl => BaseUrl + "/lifecycle";

    private NotificationReceiver(WebApplication app) => _app = app;

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/{kind}", async (HttpContext ctx, string kind) =>
        {
            if (ctx.Request.Query["validationToken"] is { Count: > 0 } token)
            {
                receiver.Handshakes.Enqueue((ctx.Request.ContentType, ctx.Request.QueryString.Value ?? ""));
                switch (receiver.HandshakeMode)
                {
                    case "wrong": return Results.Text("nope", "text/plain");
                    case "error": return Results.StatusCode(500);
                    case "json": return Results.Text(token.ToString(), "application/json");
                    case "slow": await Task.Delay(5000); break;
                }
                return Results.Text(token.ToString(), "text/plain");
            }
            var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body))!;
            if (kind == "lifecycle") { receiver.Lifecycle.Enqueue(body); return Results.Accepted(); }
            receiver.Timeline.Enqueue((DateTimeOffset.UtcNow, body));
            if (Interlocked.Decrement(ref receiver.FailNext) >= 0) return Results.StatusCode(500);
            if (Interlocked.Decrement(ref receiver.SlowNext) >= 0) await Task.Delay(receiver.SlowDelayMs);
            receiver.Notifications.Enqueue(body);
            return Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>
    /// Waits (real time, bounded) until the predicate holds over the received notifications. It
    /// returns as soon as the predicate holds, so the generous default bound costs nothing when the
    /// test passes; a test that expects nothing to arrive passes its own short timeout.
    /// </summary>
    public async Task<List<JsonObject>> WaitForAsync(Func<List<JsonObject>, bool> done, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var list = Notifications.ToList();
            if (done(list)) return list;
            await Task.Delay(25);
        }
        return Notifications.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
