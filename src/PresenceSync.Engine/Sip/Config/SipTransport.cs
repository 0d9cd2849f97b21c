namespace PresenceSync.Engine.Sip.Config
{
    /// <summary>How the source talks to the PBX (RFC 3261 section 18). TLS is not offered in this release.</summary>
    public enum SipTransport
    {
        Udp,
        Tcp,
    }
}
