namespace PresenceSync.Engine.Sync
{
    /// <summary>What became of one ACD event.</summary>
    public sealed class AcdEventResult
    {
        public AcdEventResult(long eventId, string businessUnit, string? agentId, string? state, string status, string? errorId, string? detail)
        {
            EventId = eventId;
            BusinessUnit = businessUnit;
            AgentId = agentId;
            State = state;
            Status = status;
            ErrorId = errorId;
            Detail = detail;
        }

        public long EventId { get; }
        public string BusinessUnit { get; }
        public string? AgentId { get; }
        public string? State { get; }

        /// <summary>Accepted, Echo (the ACD confirming a state the engine set), Ignored (internal call, stale), or Refused.</summary>
        public string Status { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        public bool Refused => Status == "Refused";

        public override string ToString() => $"{AgentId}: {State} ({Status})";
    }
}
