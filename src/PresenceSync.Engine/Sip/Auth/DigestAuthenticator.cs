using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Auth
{
    /// <summary>
    /// Digest authentication for a UAC (RFC 3261 section 22.2 to 22.4, RFC 7616, RFC 8760). A 401
    /// is answered with Authorization, a 407 with Proxy-Authorization. The challenge is kept and
    /// reused for later requests (section 22.3: credentials are cached per realm), with the nonce
    /// count growing, so refreshes need no extra round trip. Only qop=auth (or no qop, RFC 2069) is
    /// sent; a challenge this client cannot answer is refused with a stable error id.
    /// Shared by every subscription of one user agent, hence the lock.
    /// </summary>
    internal sealed class DigestAuthenticator
    {
        private readonly string _user;
        private readonly string _password;
        private readonly object _gate = new object();
        private readonly Dictionary<bool, Cached> _cache = new Dictionary<bool, Cached>();

        private readonly Func<string> _cnonce;

        public DigestAuthenticator(string user, string password, Func<string>? cnonce = null)
        {
            _user = user;
            _password = password;
            _cnonce = cnonce ?? NewCnonce;
        }

        /// <summary>Adds cached credentials to a new request (or its retry after a challenge was accepted).</summary>
        public void Authorize(SipRequest request)
        {
            lock (_gate)
            {
                foreach (var entry in _cache)
                {
                    var header = entry.Key ? "Proxy-Authorization" : "Authorization";
                    request.Headers.Set(header, Credentials(entry.Value, request));
                }
            }
        }

        /// <summary>
        /// Takes the challenges of a 401 or 407 and says whether the request can be sent again.
        /// <paramref name="earlierChallenges"/> counts the challenges this request already met: the
        /// first may only mean cached credentials went stale (or the server restarted and forgot
        /// its nonces), so it is always answered; a second one without stale=true means the user
        /// name or password is wrong (RFC 3261 section 22.2).
        /// </summary>
        public DigestOutcome Accept(SipResponse response, int earlierChallenges)
        {
            var proxy = response.StatusCode == 407;
            var header = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
            var challenges = response.Headers.GetAll(header).Select(DigestChallenge.Parse).Where(c => c != null).Select(c => c!).ToList();
            var digest = challenges.Where(c => string.Equals(c.Scheme, "Digest", StringComparison.OrdinalIgnoreCase)).ToList();
            if (digest.Count == 0)
                return DigestOutcome.Refuse(SipErrorIds.AuthenticationUnsupported,
                    $"The server answered {response.StatusCode} without a Digest challenge ({(challenges.Count == 0 ? "no usable " + header : string.Join(", ", challenges.Select(c => c.Scheme)))}).");

            // RFC 7616 section 3.7 / RFC 8760 section 2.4: challenges come in the server's order of preference; use the first one this client supports.
            var usable = digest.FirstOrDefault(c => DigestAlgorithm.Find(c.Algorithm) != null && !string.IsNullOrEmpty(c.Nonce) && (c.Qop.Count == 0 || c.Qop.Contains("auth")));
            if (usable == null)
            {
                var algorithms = string.Join(", ", digest.Select(c => c.Algorithm).Distinct());
                if (digest.All(c => DigestAlgorithm.Find(c.Algorithm) == null))
                    return DigestOutcome.Refuse(SipErrorIds.DigestAlgorithmUnsupported,
                        $"The server (realm '{digest[0].Realm}') asks for digest algorithm {algorithms}; this client computes MD5 and SHA-256 (RFC 8760), so it does not answer.");
                return DigestOutcome.Refuse(SipErrorIds.DigestAlgorithmUnsupported,
                    $"The server (realm '{digest[0].Realm}') offers only qop '{string.Join(",", digest.SelectMany(c => c.Qop).Distinct())}' or no nonce; this client answers qop=auth only.");
            }

            lock (_gate)
            {
                if (earlierChallenges >= 2 || (earlierChallenges == 1 && !usable.Stale))
                {
                    _cache.Remove(proxy);
                    return DigestOutcome.Refuse(SipErrorIds.AuthenticationFailed,
                        $"The server refused the credentials of '{_user}' for realm '{usable.Realm}' ({response.StatusCode} {response.Reason}).");
                }
                _cache[proxy] = new Cached(usable, DigestAlgorithm.Find(usable.Algorithm)!);
            }
            return DigestOutcome.RetryNow;
        }

        /// <summary>Forgets cached credentials (the server restarted; its nonces are gone).</summary>
        public void Reset()
        {
            lock (_gate) _cache.Clear();
        }

        private string Credentials(Cached cached, SipRequest request)
        {
            var c = cached.Challenge;
            var algorithm = cached.Algorithm;
            var uri = request.RequestUri;
            var nonce = c.Nonce!;
            var qop = c.Qop.Contains("auth") ? "auth" : null;
            cached.Count++;
            var nc = cached.Count.ToString("x8", CultureInfo.InvariantCulture);
            var cnonce = _cnonce();
            var ha1 = algorithm.Hash($"{_user}:{c.Realm}:{_password}");
            if (algorithm.Session) ha1 = algorithm.Hash($"{ha1}:{nonce}:{cnonce}");
            var ha2 = algorithm.Hash($"{request.Method}:{uri}");
            var response = qop != null ? algorithm.Hash($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}") : algorithm.Hash($"{ha1}:{nonce}:{ha2}");
            var value = $"Digest username={HeaderText.Quote(_user)}, realm={HeaderText.Quote(c.Realm)}, nonce={HeaderText.Quote(nonce)}, " +
                        $"uri={HeaderText.Quote(uri)}, response=\"{response}\", algorithm={algorithm.Name}";
            if (c.Opaque != null) value += $", opaque={HeaderText.Quote(c.Opaque)}";
            if (qop != null) value += $", qop={qop}, nc={nc}, cnonce=\"{cnonce}\"";
            return value;
        }

        private static string NewCnonce()
        {
            var bytes = new byte[12];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return Convert.ToBase64String(bytes).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
        }

        private sealed class Cached
        {
            public Cached(DigestChallenge challenge, DigestAlgorithm algorithm)
            {
                Challenge = challenge;
                Algorithm = algorithm;
            }

            public DigestChallenge Challenge { get; }
            public DigestAlgorithm Algorithm { get; }
            public long Count { get; set; }
        }
    }
}
