namespace PresenceSync.Engine.Sync
{
    /// <summary>What kind of call an ACD state belongs to; internal (agent-to-agent) calls may be ignored by rule.</summary>
    public enum CallType
    {
        None,
        Inbound,
        Outbound,
        Internal,
        Consult,
        Transfer,
    }
}
