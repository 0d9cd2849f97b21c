namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>A request (RFC 3261 section 7.1): Method SP Request-URI SP SIP-Version.</summary>
    internal sealed class SipRequest : SipMessage
    {
        public SipRequest(string method, string requestUri)
        {
            Method = method;
            RequestUri = requestUri;
        }

        public string Method { get; }
        public string RequestUri { get; set; }

        public override string StartLine => $"{Method} {RequestUri} SIP/2.0";
    }
}
