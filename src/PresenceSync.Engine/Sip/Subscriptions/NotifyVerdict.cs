namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>What the body of a NOTIFY led to: the response to send, and whether full state must be asked for again.</summary>
    internal sealed class NotifyVerdict
    {
        private NotifyVerdict(int status, string reason, string? errorId, string? detail, bool needFullState)
        {
            Status = status;
            Reason = reason;
            ErrorId = errorId;
            Detail = detail;
            NeedFullState = needFullState;
        }

        public int Status { get; }
        public string Reason { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        /// <summary>A partial notification came after a gap: refresh, so the server sends full state (RFC 4235 section 4.1).</summary>
        public bool NeedFullState { get; }

        /// <summary>Set on a 415 answer: the types this client takes (RFC 3261 section 21.4.13).</summary>
        public string? Accept { get; set; }

        public static NotifyVerdict Ok { get; } = new NotifyVerdict(200, "OK", null, null, false);

        public static NotifyVerdict OkButGap(string detail) => new NotifyVerdict(200, "OK", null, detail, true);

        public static NotifyVerdict Refuse(int status, string reason, string errorId, string detail) => new NotifyVerdict(status, reason, errorId, detail, false);
    }
}
