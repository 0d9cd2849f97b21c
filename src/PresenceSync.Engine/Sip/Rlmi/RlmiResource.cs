namespace PresenceSync.Engine.Sip.Rlmi
{
    /// <summary>A &lt;resource&gt; (RFC 4662 section 5.2) and its first &lt;instance&gt;.</summary>
    internal sealed class RlmiResource
    {
        public string Uri { get; set; } = string.Empty;

        /// <summary>active, pending or terminated (RFC 4662 section 5.2).</summary>
        public string? State { get; set; }
        public string? Reason { get; set; }
        public string? ContentType { get; set; }
        public byte[]? Body { get; set; }
    }
}
