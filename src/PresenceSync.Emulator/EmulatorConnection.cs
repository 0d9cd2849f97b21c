using System.Text.Json;
using System.Text.Json.Serialization;

namespace PresenceSync.Emulator;

/// <summary>
/// Everything a client needs to talk to a running emulator. The standalone command prints exactly
/// one line with this object as JSON (camelCase), so that scripts can parse it.
/// </summary>
public sealed record EmulatorConnection
{
    /// <summary>e.g. https://127.0.0.1:5443/v1.0 (GraphServiceClient base URL).</summary>
    public string GraphBaseUrl { get; init; } = "";
    /// <summary>e.g. https://127.0.0.1:5443/ (Azure.Identity AuthorityHost).</summary>
    public string AuthorityHost { get; init; } = "";
    public string TenantId { get; init; } = "";
    public string DomainName { get; init; } = "";
    /// <summary>Path of the emulator's TLS certificate (public part, PEM).</summary>
    public string CertificatePath { get; init; } = "";
    /// <summary>SHA-1 thumbprint (upper-case hex) of the TLS certificate: pin it.</summary>
    public string CertificateThumbprint { get; init; } = "";
    /// <summary>Pre-registered app holding every presence, user and application permission.</summary>
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    /// <summary>e.g. https://127.0.0.1:5443/_emulator (control API, not Graph); /_emulator/tenants/{tenantId} for a further tenant.</summary>
    public string ControlUrl { get; init; } = "";

    /// <summary>
    /// Every tenant of the emulator, the first one first (only on the connection of
    /// <see cref="GraphEmulator.Connection"/> and on the standalone command's line; null elsewhere).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EmulatorConnection>? Tenants { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The single JSON line printed by the standalone command.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public static EmulatorConnection Parse(string jsonLine) =>
        JsonSerializer.Deserialize<EmulatorConnection>(jsonLine, Json)
        ?? throw new FormatException("Not an emulator connection line.");
}
