using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using PresenceSync.Engine.Sip.Messages;

namespace PresenceSync.Engine.Tests.Sip.Infrastructure
{
    /// <summary>
    /// A SIP server played by the test over a raw UDP socket: it receives the source's SUBSCRIBEs
    /// and answers them, and sends NOTIFYs exactly as the test says (stale versions, gaps,
    /// terminated states, odd challenges), which no real server does on demand.
    /// </summary>
    public sealed class ScriptedServer : IDisposable
    {
        private readonly RawSipPeer _peer = new RawSipPeer();
        private readonly List<(SipMessage Message, IPEndPoint From)> _backlog = new List<(SipMessage, IPEndPoint)>();
        private long _cseq = 1;

        public int Port => _peer.Port;
        public string Registrar => $"sip:127.0.0.1:{Port}";

        internal (SipRequest Request, IPEndPoint From) ReceiveRequest(string method, TimeSpan? timeout = null) =>
            TryReceiveRequest(method, timeout ?? TimeSpan.FromSeconds(10)) ?? throw new Xunit.Sdk.XunitException($"No {method} came.");

        internal (SipRequest Request, IPEndPoint From)? TryReceiveRequest(string method, TimeSpan timeout)
        {
            var found = Take(m => m is SipRequest r && r.Method == method, timeout);
            return found == null ? ((SipRequest, IPEndPoint)?)null : ((SipRequest)found.Value.Message, found.Value.From);
        }

        internal SipResponse ReceiveResponse(TimeSpan? timeout = null) =>
            (SipResponse?)Take(m => m is SipResponse, timeout ?? TimeSpan.FromSeconds(5))?.Message ?? throw new Xunit.Sdk.XunitException("No response came.");

        private (SipMessage Message, IPEndPoint From)? Take(Func<SipMessage, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var queued = _backlog.FindIndex(m => match(m.Message));
                if (queued >= 0)
                {
                    var item = _backlog[queued];
                    _backlog.RemoveAt(queued);
                    return item;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return null;
                var next = _peer.Receive(left);
                if (next == null) return null;
                _backlog.Add(next.Value);
            }
        }

        /// <summary>Answers a request; a 2xx to SUBSCRIBE gets a To tag, a Contact and Expires.</summary>
        internal void Respond(SipRequest request, IPEndPoint to, int status, string reason, string toTag = "srv1", params (string Name, string Value)[] headers)
        {
            var response = SipResponse.For(request, status, reason, toTag);
            if (status >= 200 && status < 300 && request.Method == "SUBSCRIBE")
            {
                response.Headers.Add("Contact", $"<sip:127.0.0.1:{Port}>");
                if (!headers.Any(h => h.Name == "Expires")) response.Headers.Add("Expires", request.Headers.Get("Expires") ?? "600");
            }
            foreach (var (name, value) in headers) response.Headers.Add(name, value);
            _peer.Send(SipWriter.Write(response), to);
        }

        /// <summary>Sends a NOTIFY in the dialog the SUBSCRIBE made (to its Contact) and returns the source's answer.</summary>
        internal SipResponse Notify(SipRequest subscribe, string state, string? body, string toTag = "srv1", string contentType = "application/dialog-info+xml")
        {
            var (bytes, to) = NotifyBytes(subscribe, state, body, toTag, contentType);
            _peer.Send(bytes, to);
            return ReceiveResponse();
        }

        /// <summary>Sends bytes to the source without waiting for an answer (mutated input).</summary>
        internal void SendRaw(byte[] bytes, IPEndPoint to) => _peer.Send(bytes, to);

        /// <summary>Drops whatever answers have come so far.</summary>
        internal void Drain()
        {
            _backlog.Clear();
            while (_peer.Receive(TimeSpan.FromMilliseconds(200)) != null) { }
        }

        internal (byte[] Bytes, IPEndPoint To) NotifyBytes(SipRequest subscribe, string state, string? body, string toTag = "srv1", string contentType = "application/dialog-info+xml")
        {
            var contact = NameAddress.Parse(subscribe.Headers.Get("Contact"));
            var uri = SipUri.Parse(contact.Uri);
            var notify = new SipRequest("NOTIFY", contact.Uri);
            notify.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK{Guid.NewGuid():N}");
            notify.Headers.Add("Max-Forwards", "70");
            notify.Headers.Add("From", $"<{subscribe.To.Uri}>;tag={toTag}");
            notify.Headers.Add("To", subscribe.Headers.Get("From")!);
            notify.Headers.Add("Call-ID", subscribe.CallId!);
            notify.Headers.Add("CSeq", $"{_cseq++} NOTIFY");
            notify.Headers.Add("Contact", $"<sip:127.0.0.1:{Port}>");
            notify.Headers.Add("Event", "dialog");
            notify.Headers.Add("Subscription-State", state);
            if (body != null)
            {
                notify.Headers.Add("Content-Type", contentType);
                notify.Body = System.Text.Encoding.UTF8.GetBytes(body);
            }
            return (SipWriter.Write(notify), new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port ?? 5060));
        }

        /// <summary>An RFC 4235 document for extension 101.</summary>
        public static string DialogInfo(long version, bool full, params (string Id, string State, string Direction, string? Remote)[] dialogs) =>
            $"<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"{version.ToString(CultureInfo.InvariantCulture)}\" " +
            $"state=\"{(full ? "full" : "partial")}\" entity=\"sip:101@pbx.test\">" +
            string.Concat(dialogs.Select(d => $"<dialog id=\"{d.Id}\" direction=\"{d.Direction}\"><state>{d.State}</state>" +
                                              (d.Remote != null ? $"<remote><identity>{d.Remote}</identity></remote>" : "") + "</dialog>")) +
            "</dialog-info>";

        public void Dispose() => _peer.Dispose();
    }
}
