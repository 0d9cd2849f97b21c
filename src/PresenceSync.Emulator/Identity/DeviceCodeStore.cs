using System.Security.Cryptography;

namespace PresenceSync.Emulator.Identity;

/// <summary>Pending device-code sign-ins. The control API approves them as a given user (no browser).</summary>
public sealed class DeviceCodeStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DeviceCodeEntry> _byDeviceCode = new();

    public DeviceCodeEntry Create(Guid appId, string scope, DateTimeOffset now)
    {
        const string alphabet = "BCDFGHJKLMNPQRSTVWXZ23456789";
        var userCode = new string(Enumerable.Range(0, 9).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
        var entry = new DeviceCodeEntry
        {
            DeviceCode = Jwt.B64Url(RandomNumberGenerator.GetBytes(32)),
            UserCode = userCode,
            AppId = appId,
            Scope = scope,
            ExpiresAt = now.AddMinutes(15),
        };
        lock (_gate) _byDeviceCode[entry.DeviceCode] = entry;
        return entry;
    }

    public DeviceCodeEntry? FindByDeviceCode(string code)
    {
        lock (_gate) return _byDeviceCode.GetValueOrDefault(code);
    }

    public DeviceCodeEntry? FindByUserCode(string userCode)
    {
        lock (_gate) return _byDeviceCode.Values.FirstOrDefault(e => string.Equals(e.UserCode, userCode, StringComparison.OrdinalIgnoreCase));
    }

    public IReadOnlyList<DeviceCodeEntry> Pending(DateTimeOffset now)
    {
        lock (_gate) return _byDeviceCode.Values.Where(e => e.ApprovedUserId is null && !e.Denied && e.ExpiresAt > now).ToList();
    }
}
