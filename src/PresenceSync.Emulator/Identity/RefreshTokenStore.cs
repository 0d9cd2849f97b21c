using System.Security.Cryptography;

namespace PresenceSync.Emulator.Identity;

/// <summary>Opaque refresh tokens (AAD's are opaque too); each redemption issues a new one.</summary>
internal sealed class RefreshTokenStore
{
    /// <summary>AAD refresh tokens expire after 90 days of inactivity.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private readonly object _gate = new();
    private readonly Dictionary<string, RefreshEntry> _tokens = new();

    public string Issue(Guid appId, Guid userId, IReadOnlyCollection<string> scopes, DateTimeOffset now)
    {
        var token = "0.A" + Jwt.B64Url(RandomNumberGenerator.GetBytes(48));
        lock (_gate) _tokens[token] = new RefreshEntry(appId, userId, scopes.ToList(), now + Lifetime);
        return token;
    }

    public RefreshEntry? Find(string token)
    {
        lock (_gate) return _tokens.GetValueOrDefault(token);
    }

    public void RevokeForUser(Guid userId)
    {
        lock (_gate)
            foreach (var key in _tokens.Where(t => t.Value.UserId == userId).Select(t => t.Key).ToList())
                _tokens.Remove(key);
    }
}
