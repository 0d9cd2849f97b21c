using System.Collections.Generic;

namespace PresenceSync.Engine.Sip.DialogInfo
{
    /// <summary>An application/dialog-info+xml document (RFC 4235 section 4.1).</summary>
    internal sealed class DialogInfoDocument
    {
        /// <summary>Grows by one for each notification within a subscription (section 4.1.1); older or repeated ones are dropped.</summary>
        public long Version { get; set; }

        /// <summary>state="full": the dialogs listed are all there are; "partial": only the ones that changed.</summary>
        public bool Full { get; set; }

        public string? Entity { get; set; }

        public List<DialogInfoDialog> Dialogs { get; } = new List<DialogInfoDialog>();
    }
}
