namespace PresenceSync.Engine.Sip.Messages
{
    /// <summary>A response (RFC 3261 section 7.2): SIP-Version SP Status-Code SP Reason-Phrase.</summary>
    internal sealed class SipResponse : SipMessage
    {
        public SipResponse(int statusCode, string reason)
        {
            StatusCode = statusCode;
            Reason = reason;
        }

        public int StatusCode { get; }
        public string Reason { get; }

        public bool IsProvisional => StatusCode < 200;
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public override string StartLine => $"SIP/2.0 {StatusCode} {Reason}";

        /// <summary>
        /// A response to a request, copying what RFC 3261 section 8.2.6.2 says a UAS must copy:
        /// Via (all of them, in order), From, To (with a tag added when the request had none), Call-ID, CSeq.
        /// </summary>
        public static SipResponse For(SipRequest request, int statusCode, string reason, string? toTag = null)
        {
            var response = new SipResponse(statusCode, reason);
            foreach (var via in request.Headers.GetAll("Via")) response.Headers.Add("Via", via);
            response.Headers.Add("From", request.Headers.Get("From") ?? string.Empty);
            var to = request.Headers.Get("To") ?? string.Empty;
            if (toTag != null && statusCode > 100 && to.IndexOf(";tag=", System.StringComparison.OrdinalIgnoreCase) < 0) to += ";tag=" + toTag;
            response.Headers.Add("To", to);
            response.Headers.Add("Call-ID", request.Headers.Get("Call-ID") ?? string.Empty);
            response.Headers.Add("CSeq", request.Headers.Get("CSeq") ?? string.Empty);
            return response;
        }
    }
}
