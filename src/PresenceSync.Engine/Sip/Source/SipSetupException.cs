using System;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>The source cannot start its user agent (no address for the registrar, a port taken); it reports this and tries again later.</summary>
    internal sealed class SipSetupException : Exception
    {
        public SipSetupException(string errorId, string message, Exception? inner = null) : base(message, inner) => ErrorId = errorId;

        public string ErrorId { get; }
    }
}
