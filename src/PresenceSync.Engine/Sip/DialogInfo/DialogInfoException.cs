using System;

namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>A dialog-info (or RLMI) body that is not well-formed, not the right document, or over a limit.</summary>
    internal sealed class DialogInfoException : Exception
    {
        public DialogInfoException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
