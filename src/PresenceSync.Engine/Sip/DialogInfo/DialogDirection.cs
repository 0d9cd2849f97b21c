namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>RFC 4235 section 4.1.2: whether the watched party sent (initiator) or received (recipient) the INVITE; optional in the document.</summary>
    public enum DialogDirection
    {
        Unknown,
        Initiator,
        Recipient,
    }
}
