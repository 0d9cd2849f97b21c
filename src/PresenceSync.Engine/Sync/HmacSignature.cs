using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PresenceSync.Engine.Sync
{
    /// <summary>
    /// How the ACD and the sync sign what they send each other, both ways:
    ///   X-PresenceSync-Timestamp: the Unix time in seconds when the request was made;
    ///   X-PresenceSync-Signature: "sha256=" + lower-case hex of HMAC-SHA256(secret, timestamp + "." + body).
    /// The timestamp is inside the signature, so a captured request cannot be sent again later
    /// (the receiver allows a few minutes of clock difference and refuses a repeat within them).
    /// It is the scheme of Stripe's and Slack's webhooks, a few lines in any language.
    /// </summary>
    public static class HmacSignature
    {
        public const string Header = "X-PresenceSync-Signature";
        public const string TimestampHeader = "X-PresenceSync-Timestamp";

        public static string Timestamp(DateTime utc) =>
            ((long)(utc.ToUniversalTime() - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds).ToString(CultureInfo.InvariantCulture);

        public static string Sign(string secret, string timestamp, byte[] body)
        {
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
            var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
            hmac.TransformBlock(prefix, 0, prefix.Length, null, 0);
            hmac.TransformFinalBlock(body, 0, body.Length);
            var hash = hmac.Hash!;
            var hex = new StringBuilder("sha256=", 7 + hash.Length * 2);
            foreach (var b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        /// <summary>When the timestamp header says the request was made; null when it is missing or not a number.</summary>
        public static DateTime? ParseTimestamp(string? timestamp) =>
            long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253402300799
                ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds)
                : (DateTime?)null;

        /// <summary>Constant-time comparison, so the check leaks nothing about the right signature.</summary>
        public static bool Verify(string secret, string? timestamp, byte[] body, string? signature)
        {
            if (string.IsNullOrEmpty(signature) || ParseTimestamp(timestamp) == null) return false;
            var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp!, body));
            var given = Encoding.ASCII.GetBytes(signature!.Trim().ToLowerInvariant());
            if (expected.Length != given.Length) return false;
            var diff = 0;
            for (var i = 0; i < expected.Length; i++) diff |= expected[i] ^ given[i];
            return diff == 0;
        }
    }
}
