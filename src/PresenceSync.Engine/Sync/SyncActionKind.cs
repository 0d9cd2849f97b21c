namespace PresenceSync.Engine.Sync
{
    internal enum SyncActionKind
    {
        SetSession,
        ClearSession,
        SetPreferred,
        ClearPreferred,
        AcdChange,
        ManualHoldStarted,
        ManualHoldEnded,
    }
}
