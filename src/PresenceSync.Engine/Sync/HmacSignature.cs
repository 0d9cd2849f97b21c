using System;
using System.Security.Cryptography;
using System.Text;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// "sha256=&lt;hex&gt;" HMAC-SHA256 over the exact body bytes, the way GitHub and most webhook
    /// senders sign, so an ACD's existing webhook tooling can produce and check it.
    /// </summary>
    public static class HmacSignature
    {
        public const string Header = "X-PresenceSync-Signature";

        public static string Sign(string secret, byte[] body)
        {
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
            var hash = hmac.ComputeHash(body);
            var hex = new StringBuilder("sha256=", 7 + hash.Length * 2);
            foreach (var b in hash) hex.Append(b.ToString("x2"));
            return hex.ToString();
        }

        /// <summary>Constant-time comparison, so the check leaks nothing about the right signature.</summary>
        public static bool Verify(string secret, byte[] body, string? signature)
        {
            if (string.IsNullOrEmpty(signature)) return false;
            var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
            var given = Encoding.ASCII.GetBytes(signature!.Trim().ToLowerInvariant());
            if (expected.Length != given.Length) return false;
            var diff = 0;
            for (var i = 0; i < expected.Length; i++) diff |= expected[i] ^ given[i];
            return diff == 0;
        }
    }
}
