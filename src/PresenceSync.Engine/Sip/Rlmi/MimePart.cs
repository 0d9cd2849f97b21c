using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Rlmi
{
    /// <summary>One body part of a multipart body (RFC 2046 section 5.1): its header fields and content.</summary>
    internal sealed class MimePart
    {
        public SipHeaders Headers { get; } = new SipHeaders();
        public byte[] Content { get; set; } = new byte[0];

        public string? ContentType
        {
            get
            {
                var value = Headers.Get("Content-Type");
                if (value == null) return null;
                var semi = value.IndexOf(';');
                return (semi < 0 ? value : value.Substring(0, semi)).Trim().ToLowerInvariant();
            }
        }

        /// <summary>Content-ID without its angle brackets (RFC 2392), as RLMI's cid attribute names it.</summary>
        public string? ContentId => Headers.Get("Content-ID")?.Trim().TrimStart('<').TrimEnd('>');
    }
}
