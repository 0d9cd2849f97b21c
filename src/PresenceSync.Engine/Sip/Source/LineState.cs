namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// What an extension's line is doing, from its dialogs (RFC 4235), in rising order of how busy
    /// it is: with several dialogs at once the busiest wins.
    /// </summary>
    public enum LineState
    {
        /// <summary>No dialog, or all terminated.</summary>
        Idle,

        /// <summary>A call the extension placed has not been answered yet (trying, proceeding or early, as initiator).</summary>
        Dialing,

        /// <summary>A call to the extension rings (trying, proceeding or early, as recipient).</summary>
        Ringing,

        /// <summary>A dialog is confirmed: the extension talks.</summary>
        OnCall,
    }
}
