using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Transport;

namespace PresenceSync.Engine.Sip.Subscriptions
{
    /// <summary>The SUBSCRIBE transaction and the NOTIFYs of one subscription.</summary>
    internal sealed partial class DialogSubscription
    {
        private async Task<SubscribeOutcome> SubscribeAsync(CancellationToken ct)
        {
            SubscriptionDialog dialog;
            lock (_gate) dialog = _dialog;
            var refresh = dialog.Established;
            var expires = _options.Expires;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                UserAgent.SipExchange exchange;
                try
                {
                    exchange = await _agent.SendAsync(() => Build(dialog, expires), ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is System.Net.Sockets.SocketException)
                {
                    return SubscribeOutcome.Failed(SipErrorIds.ServerUnreachable, $"SUBSCRIBE {Resource} could not be sent over {_agent.TransportName}: {ex.Message}");
                }
                if (exchange.AuthErrorId != null) return SubscribeOutcome.Failed(exchange.AuthErrorId, exchange.AuthDetail ?? exchange.AuthErrorId, permanent: true);
                var response = exchange.Response;
                if (response == null)
                    return SubscribeOutcome.Failed(SipErrorIds.SubscriptionTimeout,
                        $"No answer to {(refresh ? "the refresh of " : "")}SUBSCRIBE {Resource} from {_agent.Options.Server} within {_agent.TransactionTimeout.TotalSeconds:0} s ({_agent.TransportName}).");
                if (response.IsSuccess)
                {
                    lock (_gate)
                    {
                        if (dialog == _dialog) dialog.EstablishFrom(response);
                    }
                    // RFC 6665 section 4.2.1.1: the 2xx carries the duration the server granted, which may be shorter than asked.
                    var granted = response.DeltaSeconds("Expires") ?? expires;
                    if (granted <= 0)
                        return SubscribeOutcome.Failed(SipErrorIds.SubscriptionTerminated, $"The server accepted SUBSCRIBE {Resource} but gave it no time (Expires: 0).");
                    return SubscribeOutcome.Active(TimeSpan.FromSeconds(Math.Min(granted, 86400)));
                }
                var status = $"{response.StatusCode} {response.Reason}".Trim();
                switch (response.StatusCode)
                {
                    case 423:
                        // Interval Too Brief (RFC 6665 section 4.1.2.1): ask again with at least Min-Expires.
                        var min = response.DeltaSeconds("Min-Expires");
                        if (min is long m && m > expires && m <= 86400)
                        {
                            expires = (int)m;
                            continue;
                        }
                        return SubscribeOutcome.Failed(SipErrorIds.SubscriptionRefused, $"SUBSCRIBE {Resource} was refused: {status} without a usable Min-Expires.");
                    case 481:
                        // RFC 6665 section 4.1.2.2: a refresh answered 481 means the subscription is gone (a server restart).
                        return SubscribeOutcome.Forgotten();
                    case 489:
                        return SubscribeOutcome.Failed(SipErrorIds.SubscriptionRefused,
                            $"The server does not offer the '{_options.Event}' event package for {Resource} ({status}). On Asterisk/FreePBX the extension needs a dialplan hint.", permanent: true);
                    case 403:
                    case 404:
                    case 480:
                    case 603:
                        return SubscribeOutcome.Failed(SipErrorIds.SubscriptionRefused, $"SUBSCRIBE {Resource} was refused: {status}.", permanent: true);
                    default:
                        var after = response.DeltaSeconds("Retry-After");
                        return SubscribeOutcome.Failed(SipErrorIds.SubscriptionRefused, $"SUBSCRIBE {Resource} was refused: {status}.",
                            delay: after is long a && a > 0 ? TimeSpan.FromSeconds(Math.Min(a, _options.LongestBackoff.TotalSeconds)) : (TimeSpan?)null);
                }
            }
            return SubscribeOutcome.Failed(SipErrorIds.SubscriptionRefused, $"SUBSCRIBE {Resource} kept being refused as too brief (423).");
        }

        /// <summary>
        /// A NOTIFY in this subscription's dialog (RFC 6665 section 4.1.3): checks its order and
        /// dialog, follows Subscription-State, hands the body to the handler, and answers.
        /// </summary>
        public SipResponse OnNotify(SipRequest notify, InboundMessage inbound)
        {
            int generation;
            SubscriptionStateHeader? state;
            SubscriptionDialog dialog;
            var cseq = notify.CSeq.Number;
            lock (_gate)
            {
                dialog = _dialog;
                if (dialog.Established && dialog.RemoteTag != null && notify.From.Tag != dialog.RemoteTag)
                    return Answer(notify, 481, "Subscription Does Not Exist"); // a second fork; this client keeps one dialog per subscription
                // RFC 3261 section 12.2.2: a lower (or repeated) remote sequence number is out of order.
                if (cseq <= dialog.RemoteCSeq)
                {
                    // A server with several workers (Kamailio) can send two NOTIFYs out of order, and the late one may even
                    // carry the newer state. Which one is true cannot be known from here, so ask: a refresh makes the server
                    // send full state again (RFC 6665 section 4.2.1.2), shortly, once the NOTIFYs in flight have landed.
                    Wake(SubscriptionWake.RefreshSoon);
                    return Answer(notify, 500, "Out Of Order");
                }
                state = SubscriptionStateHeader.Parse(notify.Headers.Get("Subscription-State"));
                if (state == null) return Answer(notify, 400, "Missing Subscription-State");
                generation = Generation;
            }

            var verdict = notify.Body.Length > 0 || notify.BodyTooLarge ? _handler.Handle(notify, generation, inbound.ReceivedUtc) : EmptyBody(notify, state, generation, inbound);
            var response = Answer(notify, verdict.Status, verdict.Reason);
            if (verdict.Accept != null) response.Headers.Add("Accept", verdict.Accept);
            // Only a NOTIFY that was taken moves the dialog on: a refused one (bad body, perhaps forged) changes nothing.
            if (verdict.Status >= 300) return response;
            lock (_gate)
            {
                if (dialog != _dialog) return response;
                dialog.EstablishFrom(notify);
                if (cseq > dialog.RemoteCSeq) dialog.RemoteCSeq = cseq;
                dialog.Target(notify);
            }
            if (state.Terminated)
            {
                var delay = state.RetryDelay(_options.LongestBackoff);
                var quiet = state.Reason == "deactivated" || state.Reason == "timeout";
                Wake(new SubscriptionWake(true, delay, quiet ? null : SipErrorIds.SubscriptionTerminated,
                    $"The server ended the subscription to {Resource} (reason {state.Reason ?? "none"}{(state.RetryAfter is long ra ? ", retry after " + ra.ToString(CultureInfo.InvariantCulture) + " s" : "")})."));
            }
            else if (verdict.NeedFullState) Wake(SubscriptionWake.RefreshSoon);
            return response;
        }

        /// <summary>
        /// No body: a pending subscription, or (Kamailio) nothing published for the extension, which
        /// means no dialogs. The handler decides; a terminated subscription without body says nothing about the line.
        /// </summary>
        private NotifyVerdict EmptyBody(SipRequest notify, SubscriptionStateHeader state, int generation, InboundMessage inbound) =>
            state.State == "active" ? _handler.Handle(notify, generation, inbound.ReceivedUtc) : NotifyVerdict.Ok;

        private static SipResponse Answer(SipRequest request, int status, string reason) => SipResponse.For(request, status, reason);
    }
}
