using System;

namespace PresenceSync.Engine.Sync.Ports
{
    /// <summary>What Graph answered for one write: its HTTP status, and for 429 how long to wait.</summary>
    public sealed class TeamsWriteOutcome
    {
        public TeamsWriteOutcome(int status, TimeSpan? retryAfter, string? errorId)
        {
            Status = status;
            RetryAfter = retryAfter;
            ErrorId = errorId;
        }

        /// <summary>HTTP status of the item; 0 when the request never got an answer (network, timeout).</summary>
        public int Status { get; }
        public TimeSpan? RetryAfter { get; }

        /// <summary>Null when the write did its job; else the stable error id (the same ids whole requests get).</summary>
        public string? ErrorId { get; }

        public bool Throttled => Status == 429;

        public override string ToString() => ErrorId == null ? $"{Status} OK" : $"{Status} {ErrorId}";
    }
}
