namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>
    /// What this client accepts from the network. RFC 3261 sets no limits; a subscriber that
    /// accepted anything could be made to buffer without end, so the limits are explicit and
    /// generous for dialog state: a busy extension's document is a few kilobytes.
    /// </summary>
    internal sealed class SipLimits
    {
        /// <summary>Start line and header fields together.</summary>
        public int MaxHeaderBytes { get; set; } = 16 * 1024;

        public int MaxHeaderCount { get; set; } = 100;

        /// <summary>A NOTIFY body; larger bodies are refused with 413 (RFC 3261 section 21.4.11).</summary>
        public int MaxBodyBytes { get; set; } = 64 * 1024;

        public static SipLimits Default { get; } = new SipLimits();
    }
}
