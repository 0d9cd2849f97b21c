using System.Collections.Generic;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sync;

namespace PresenceSync.Engine.Sip.Source
{
    /// <summary>
    /// Line state and call type of one dialog. A call whose other party is a known extension of the
    /// business unit is Internal (agent to agent), so rules can ignore it; otherwise the direction
    /// (RFC 4235 section 4.1.2) says Inbound (recipient) or Outbound (initiator).
    /// </summary>
    internal static class CallClassifier
    {
        public static LineState StateOf(DialogInfoDialog dialog)
        {
            switch (dialog.State)
            {
                case DialogState.Confirmed:
                    return LineState.OnCall;
                case DialogState.Terminated:
                    return LineState.Idle;
                default:
                    // An early dialog without a direction is most often a call ringing in (phones' busy-lamp use).
                    return dialog.Direction == DialogDirection.Initiator ? LineState.Dialing : LineState.Ringing;
            }
        }

        public static CallType TypeOf(DialogInfoDialog dialog, string ownExtension, ISet<string> knownExtensions)
        {
            var remote = RemoteExtension(dialog, ownExtension, knownExtensions);
            if (remote != null) return CallType.Internal;
            return dialog.Direction == DialogDirection.Recipient ? CallType.Inbound
                : dialog.Direction == DialogDirection.Initiator ? CallType.Outbound
                : CallType.None;
        }

        /// <summary>The other party's extension when it is one of the unit's, else null.</summary>
        public static string? RemoteExtension(DialogInfoDialog dialog, string ownExtension, ISet<string> knownExtensions)
        {
            foreach (var candidate in new[] { dialog.RemoteIdentity, dialog.RemoteTarget })
            {
                if (candidate == null || !TryUri(candidate, out var uri) || string.IsNullOrEmpty(uri.User)) continue;
                var user = uri.User!;
                if (user != ownExtension && knownExtensions.Contains(user)) return user;
                return null; // the identity names someone outside; the target is only a fallback when there is no identity
            }
            return null;
        }

        /// <summary>RFC 4235 puts a bare URI in identity (the name in its display attribute); some servers write a name-addr, which is read too.</summary>
        private static bool TryUri(string text, out SipUri uri)
        {
            if (SipUri.TryParse(text, out uri)) return true;
            try
            {
                return SipUri.TryParse(NameAddress.Parse(text).Uri, out uri);
            }
            catch (SipParseException)
            {
                return false;
            }
        }
    }
}
