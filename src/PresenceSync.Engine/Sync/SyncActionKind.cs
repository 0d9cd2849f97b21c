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

        /// <summary>The row towards Teams waits until the ACD state has lasted its minimum duration (<see cref="SyncAction.Due"/>).</summary>
        WaitForMinimumDuration,

        /// <summary>The row's status message (<see cref="SyncAction.Message"/>), and its removal when the state ends.</summary>
        SetStatusMessage,
        ClearStatusMessage,
    }
}
