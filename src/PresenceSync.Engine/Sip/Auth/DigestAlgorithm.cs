using System;
using System.Security.Cryptography;
using System.Text;

namespace PresenceSync.Engine.Sip.Auth
{
    /// <summary>
    /// The digest algorithms this client computes: MD5 (RFC 3261 section 22.4, RFC 2617) and
    /// SHA-256 (RFC 8760 section 2.2, RFC 7616 section 3.2), each also as "-sess" (RFC 7616
    /// section 3.4.2). SHA-512-256, which RFC 8760 also names, has no implementation on every
    /// platform this module loads on, so it is refused like any other unknown algorithm.
    /// </summary>
    internal sealed class DigestAlgorithm
    {
        private readonly Func<HashAlgorithm> _create;

        private DigestAlgorithm(string name, bool session, Func<HashAlgorithm> create)
        {
            Name = name;
            Session = session;
            _create = create;
        }

        /// <summary>As written in the challenge and echoed in the credentials.</summary>
        public string Name { get; }

        /// <summary>HA1 = H(H(user:realm:password):nonce:cnonce) instead of H(user:realm:password).</summary>
        public bool Session { get; }

        /// <summary>Null for an algorithm this client does not support.</summary>
        public static DigestAlgorithm? Find(string name)
        {
            var n = name.Trim();
            var session = n.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
            var baseName = session ? n.Substring(0, n.Length - 5) : n;
            if (string.Equals(baseName, "MD5", StringComparison.OrdinalIgnoreCase)) return new DigestAlgorithm(n, session, MD5.Create);
            if (string.Equals(baseName, "SHA-256", StringComparison.OrdinalIgnoreCase)) return new DigestAlgorithm(n, session, SHA256.Create);
            return null;
        }

        /// <summary>Preference when a server offers several challenges and leaves the order to the client.</summary>
        public int Strength => Name.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase) ? 2 : 1;

        /// <summary>Lower-case hex of the hash of the UTF-8 text (RFC 7616 section 3.4.1).</summary>
        public string Hash(string text)
        {
            using var h = _create();
            var bytes = h.ComputeHash(Encoding.UTF8.GetBytes(text));
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
