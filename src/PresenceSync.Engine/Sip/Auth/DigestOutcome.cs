namespace PresenceSync.Engine.Sip.Auth
{
    /// <summary>What a 401/407 leads to: retry with credentials, or a refusal with a stable error id.</summary>
    internal sealed class DigestOutcome
    {
        private DigestOutcome(bool retry, string? errorId, string? detail)
        {
            Retry = retry;
            ErrorId = errorId;
            Detail = detail;
        }

        public bool Retry { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        public static DigestOutcome RetryNow { get; } = new DigestOutcome(true, null, null);

        public static DigestOutcome Refuse(string errorId, string detail) => new DigestOutcome(false, errorId, detail);
    }
}
