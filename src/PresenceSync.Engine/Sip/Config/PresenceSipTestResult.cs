namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>What Test-PresenceSipSource found for one extension (or, with no extension, for the source as a whole).</summary>
    public sealed class PresenceSipTestResult
    {
        public PresenceSipTestResult(string businessUnit, string? extension, string? agentId, bool subscribed, string? lineState, string? errorId, string? detail)
        {
            BusinessUnit = businessUnit;
            Extension = extension;
            AgentId = agentId;
            Subscribed = subscribed;
            LineState = lineState;
            ErrorId = errorId;
            Detail = detail;
        }

        public string BusinessUnit { get; }
        public string? Extension { get; }
        public string? AgentId { get; }

        /// <summary>The PBX accepted the subscription (and, for a list, reported the extension active).</summary>
        public bool Subscribed { get; }

        /// <summary>The line state the first NOTIFY gave (Idle, Dialing, Ringing, OnCall), mapped through the source's state map.</summary>
        public string? LineState { get; }
        public string? ErrorId { get; }
        public string? Detail { get; }

        public override string ToString() => $"{Extension ?? BusinessUnit}: {(Subscribed ? "subscribed" : ErrorId)}";
    }
}
