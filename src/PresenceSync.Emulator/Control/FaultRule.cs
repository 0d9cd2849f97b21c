namespace PresenceSync.Emulator.Control;

/// <summary>
/// A fault injected through the control API or <see cref="FaultInjector.Add"/>. Kinds:
/// <list type="bullet">
/// <item>"throttle": 429 with Retry-After; "serverError": <see cref="Status"/> (default 503);</item>
/// <item>"latency": <see cref="LatencyMs"/> added before the answer;</item>
/// <item>"hang": the request is read and never answered, until the client gives up or
/// <see cref="HangSeconds"/> of real time pass, then the connection is reset;</item>
/// <item>"slowReply": the answer's status and headers come at once, its body one
/// <see cref="ChunkBytes"/> chunk every <see cref="TrickleMs"/>;</item>
/// <item>"stallConnections": new TCP connections are accepted and never answered (not even the TLS
/// handshake) for <see cref="HangSeconds"/>; path, app and target do not apply;</item>
/// <item>"dropNotifications", "delayNotifications": change notifications (<see cref="DelaySeconds"/>).</item>
/// </list>
/// <see cref="Target"/> says which requests a request-level kind applies to: "graph" (/v1.0, the
/// default) or "identity" (the token, device-code and managed-identity endpoints). A rule applies to
/// requests whose path contains <see cref="PathContains"/> (any when null) from <see cref="AppId"/>
/// (any when null) in <see cref="TenantId"/> (any when null), <see cref="Count"/> times (null = until
/// cleared or until the emulator clock passes <see cref="Until"/>).
/// </summary>
public sealed class FaultRule
{
    public const string GraphTarget = "graph";
    public const string IdentityTarget = "identity";

    public string Id { get; init; } = Guid.NewGuid().ToString("N")[..8];
    public string Kind { get; init; } = "";
    public string Target { get; init; } = GraphTarget;
    public string? PathContains { get; init; }
    public string? AppId { get; init; }
    public Guid? TenantId { get; init; }
    public int? Count { get; set; }
    public DateTimeOffset? Until { get; init; }
    public int Status { get; init; } = 503;
    /// <summary>Retry-After sent with the fault, in seconds, fractions allowed as Graph sends them ("2.128"); null: no header.</summary>
    public double? RetryAfterSeconds { get; init; } = 1;
    public int LatencyMs { get; init; }
    public int DelaySeconds { get; init; }
    /// <summary>Real seconds a hang or a stalled connection lasts at most (the client usually gives up first).</summary>
    public double HangSeconds { get; init; } = 600;
    /// <summary>slowReply: real milliseconds between two body chunks.</summary>
    public int TrickleMs { get; init; } = 500;
    /// <summary>slowReply: bytes per chunk.</summary>
    public int ChunkBytes { get; init; } = 1;
}
