using System;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>Reads the body of a NOTIFY for one subscription (one extension's dialog state, or a resource list).</summary>
    internal interface INotifyBodyHandler
    {
        /// <summary>
        /// <paramref name="generation"/> changes whenever the subscription is made anew: versions
        /// (RFC 4235 section 4.1.1) only compare within one subscription.
        /// </summary>
        NotifyVerdict Handle(SipRequest notify, int generation, DateTime receivedUtc);

        /// <summary>How the subscription stands: healthy, or why not (a stable error id and a detail).</summary>
        void Health(bool healthy, string? errorId, string? detail);
    }
}
