using System;

namespace PresenceSync.Engine.Sync.Sources
{
    /// <summary>
    /// How one source (or one part of it, such as one SIP extension's subscription) stands.
    /// Item is null for the source as a whole.
    /// </summary>
    public sealed class SourceHealth
    {
        public SourceHealth(string source, string? item, bool healthy, string? errorId, string? detail, DateTime timeUtc)
        {
            Source = source;
            Item = item;
            Healthy = healthy;
            ErrorId = errorId;
            Detail = detail;
            TimeUtc = timeUtc;
        }

        public string Source { get; }
        public string? Item { get; }
        public bool Healthy { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }
        public DateTime TimeUtc { get; }

        public override string ToString() => $"{Source}{(Item != null ? "/" + Item : "")}: {(Healthy ? "OK" : ErrorId + " " + Detail)}";
    }
}
