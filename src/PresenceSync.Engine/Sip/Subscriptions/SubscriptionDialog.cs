using System.Collections.Generic;
using System.Linq;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>
    /// The dialog a subscription lives in (RFC 3261 section 12, RFC 6665 section 4.1.2): Call-ID,
    /// local and remote tags, sequence numbers, the route set and the remote target. It is made by
    /// the 2xx to the SUBSCRIBE or by a NOTIFY that comes first (RFC 6665 section 4.1.2.4).
    /// </summary>
    internal sealed class SubscriptionDialog
    {
        public SubscriptionDialog(string callId, string localTag)
        {
            CallId = callId;
            LocalTag = localTag;
        }

        public string CallId { get; }
        public string LocalTag { get; }
        public string? RemoteTag { get; private set; }
        public string? RemoteTarget { get; private set; }
        public List<string> RouteSet { get; private set; } = new List<string>();
        public long LocalCSeq { get; set; }
        public long RemoteCSeq { get; set; } = -1;
        public bool Established { get; private set; }

        /// <summary>What NOTIFYs are matched by: Call-ID and this client's tag (their To tag).</summary>
        public string Key => KeyOf(CallId, LocalTag);

        public static string KeyOf(string callId, string? localTag) => callId + "|" + (localTag ?? string.Empty);

        /// <summary>RFC 3261 section 12.1.2 (UAC side): the route set is the Record-Route of the 2xx in reverse, the target its Contact.</summary>
        public void EstablishFrom(SipResponse response)
        {
            if (Established) return;
            RemoteTag = response.To.Tag;
            var routes = response.Headers.GetList("Record-Route");
            routes.Reverse();
            RouteSet = routes;
            Target(response);
            Established = true;
        }

        /// <summary>A NOTIFY before the 2xx: the route set is its Record-Route as it stands (section 12.1.1, UAS side).</summary>
        public void EstablishFrom(SipRequest notify)
        {
            if (Established) return;
            RemoteTag = notify.From.Tag;
            RouteSet = notify.Headers.GetList("Record-Route");
            Target(notify);
            Established = true;
        }

        /// <summary>NOTIFY and the 2xx are target refresh messages (RFC 6665 section 4.1.3, 4.1.2.1): their Contact is the new remote target.</summary>
        public void Target(SipMessage message)
        {
            var contact = message.Headers.GetList("Contact").FirstOrDefault();
            if (contact == null) return;
            try
            {
                RemoteTarget = NameAddress.Parse(contact).Uri;
            }
            catch (SipParseException)
            {
                // Keep the old target: a bad Contact must not break the dialog.
            }
        }
    }
}
