namespace PresenceSync.Engine.Sync.Ports
{
    public enum TeamsWriteKind
    {
        SetSession,
        ClearSession,
        SetPreferred,
        ClearPreferred,
        SetStatusMessage,
        ClearStatusMessage,
    }
}
