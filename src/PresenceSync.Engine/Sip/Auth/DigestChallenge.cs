using System;
using System.Collections.Generic;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Auth
{
    /// <summary>
    /// One WWW-Authenticate or Proxy-Authenticate challenge (RFC 3261 section 20.27 and 20.44,
    /// RFC 7616 section 3.3): realm, nonce, opaque, algorithm, qop options and stale.
    /// </summary>
    internal sealed class DigestChallenge
    {
        private DigestChallenge(string scheme, Dictionary<string, string> parameters)
        {
            Scheme = scheme;
            Parameters = parameters;
        }

        public string Scheme { get; }
        public Dictionary<string, string> Parameters { get; }

        public string Realm => Get("realm") ?? string.Empty;
        public string? Nonce => Get("nonce");
        public string? Opaque => Get("opaque");

        /// <summary>RFC 7616 section 3.3: absent means MD5.</summary>
        public string Algorithm => Get("algorithm") ?? "MD5";

        public bool Stale => string.Equals(Get("stale"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>The qop options offered (a quoted, comma-separated list); empty for an RFC 2069 challenge.</summary>
        public IReadOnlyList<string> Qop
        {
            get
            {
                var value = Get("qop");
                var result = new List<string>();
                if (value == null) return result;
                foreach (var q in value.Split(',')) if (q.Trim().Length > 0) result.Add(q.Trim().ToLowerInvariant());
                return result;
            }
        }

        private string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

        /// <summary>Parses 'Digest realm="x", nonce="y", ...'; null when the value is not a challenge at all.</summary>
        public static DigestChallenge? Parse(string? value)
        {
            if (value == null) return null;
            var v = value.Trim();
            var space = v.IndexOfAny(new[] { ' ', '\t' });
            if (space <= 0) return null;
            var scheme = v.Substring(0, space);
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            // auth-param list (RFC 3261 section 25.1): comma-separated name=value, values may be quoted and hold commas.
            foreach (var part in HeaderText.SplitOutsideQuotes(v.Substring(space + 1), ','))
            {
                var eq = part.IndexOf('=');
                if (eq <= 0) continue;
                var name = part.Substring(0, eq).Trim();
                if (name.Length == 0 || parameters.ContainsKey(name)) continue;
                parameters[name] = HeaderText.Unquote(part.Substring(eq + 1));
            }
            return new DigestChallenge(scheme, parameters);
        }
    }
}
