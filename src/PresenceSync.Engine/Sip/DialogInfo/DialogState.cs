namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>The dialog state machine of RFC 4235 section 3.7.1.</summary>
    public enum DialogState
    {
        Trying,
        Proceeding,
        Early,
        Confirmed,
        Terminated,
    }
}
