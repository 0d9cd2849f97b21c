using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.UserAgent
{
    /// <summary>How a request ended: a final response, no answer at all (Timer F), or credentials this client could not give.</summary>
    internal sealed class SipExchange
    {
        public SipExchange(SipResponse? response, SipRequest request, string? authErrorId = null, string? authDetail = null)
        {
            Response = response;
            Request = request;
            AuthErrorId = authErrorId;
            AuthDetail = authDetail;
        }

        /// <summary>Null when nothing came back in time.</summary>
        public SipResponse? Response { get; }

        /// <summary>The request as last sent (its CSeq is the dialog's local sequence number now).</summary>
        public SipRequest Request { get; }

        public string? AuthErrorId { get; }
        public string? AuthDetail { get; }

        public bool TimedOut => Response == null && AuthErrorId == null;
    }
}
