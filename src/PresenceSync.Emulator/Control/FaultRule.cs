namespace PresenceSync.Emulator.Control;

/// <summary>
/// A fault injected through the control API. Kinds: "throttle" (429 with Retry-After),
/// "serverError" (Status, default 503), "latency" (LatencyMs added), "dropNotifications",
/// "delayNotifications" (DelaySeconds of emulator time). A rule applies to requests whose path
/// contains PathContains (any when null) from AppId (any when null), Count times (null = until
/// cleared or until the emulator clock passes Until).
/// </summary>
public sealed class FaultRule
{
    public string Id { get; init; } = Guid.NewGuid().ToString("N")[..8];
    public string Kind { get; init; } = "";
    public string? PathContains { get; init; }
    public string? AppId { get; init; }
    public int? Count { get; set; }
    public DateTimeOffset? Until { get; init; }
    public int Status { get; init; } = 503;
    /// <summary>Retry-After sent with the fault (null: no header, so clients fall back to exponential backoff).</summary>
    public int? RetryAfterSeconds { get; init; } = 1;
    public int LatencyMs { get; init; }
    public int DelaySeconds { get; init; }
}
