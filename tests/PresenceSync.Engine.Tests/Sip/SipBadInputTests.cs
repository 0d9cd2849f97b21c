using System;
using System.Linq;
using System.Net;
using System.Text;
using PresenceSync.Engine.Sip;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>
    /// Hostile or broken input sent with a raw socket to the running source: each gets a clear
    /// record ("Default/input") and the right SIP answer, and changes nothing: no event, no lost
    /// subscription, and the next real call is seen as usual.
    /// </summary>
    [Collection("Loopback ports")]
    public class SipBadInputTests : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start();

        public void Dispose() => _lab.Dispose();

        private void Ready(bool tcp)
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 500);
            _lab.Run(s => { s.Tcp = tcp; s.InputRecordInterval = TimeSpan.Zero; });
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));
            _lab.Target.WaitUntil(() => _lab.Target.Events.Count >= 2, TimeSpan.FromSeconds(10), "the initial Idle of both");
        }

        /// <summary>A NOTIFY inside 101's real subscription dialog, as Kamailio would send it, with the given body.</summary>
        private byte[] Notify(string contentType, byte[] body, string? callId = null, int cseqBump = 1000)
        {
            var dialog = _lab.Source!.Roster!.Subscription("101")!.Dialog;
            var local = _lab.Source.LocalEndPoint!;
            var head = $"NOTIFY sip:presencesync@{local} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
                       $"From: <sip:101@pbx.test>;tag={dialog.RemoteTag}\r\nTo: <sip:presencesync@pbx.test>;tag={dialog.LocalTag}\r\n" +
                       $"Call-ID: {callId ?? dialog.CallId}\r\nCSeq: {dialog.RemoteCSeq + cseqBump} NOTIFY\r\nEvent: dialog\r\nSubscription-State: active;expires=100\r\n" +
                       $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n";
            return Encoding.UTF8.GetBytes(head).Concat(body).ToArray();
        }

        private static byte[] Xml(string text) => Encoding.UTF8.GetBytes(text);

        private const string Confirmed = "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"999\" state=\"full\" entity=\"sip:{0}@pbx.test\">" +
                                         "<dialog id=\"x\" direction=\"recipient\"><state>confirmed</state></dialog></dialog-info>";

        private SipMessage? Send(RawSipPeer peer, byte[] bytes)
        {
            peer.Send(bytes, _lab.Source!.LocalEndPoint!);
            return peer.Receive(TimeSpan.FromSeconds(3))?.Message;
        }

        private void AssertRecorded(string errorId) =>
            _lab.Target.WaitUntil(() => _lab.Target.Health.Any(h => h.Item == "Default/input" && h.ErrorId == errorId), TimeSpan.FromSeconds(5), "a record of " + errorId);

        [Fact]
        public void Bad_input_over_UDP_is_answered_recorded_and_changes_nothing()
        {
            Ready(tcp: false);
            var events = _lab.Target.Events.Count;
            using var peer = new RawSipPeer();

            // Not SIP at all: dropped (there is nothing to answer), recorded.
            peer.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), _lab.Source!.LocalEndPoint!);
            AssertRecorded(SipErrorIds.MalformedMessage);

            // A body that is not dialog-info: 415 with what is accepted.
            var wrongType = Send(peer, Notify("text/plain", Xml(string.Format(Confirmed, "101"))));
            Assert.Equal(415, ((SipResponse)wrongType!).StatusCode);
            Assert.Contains("application/dialog-info+xml", wrongType.Headers.Get("Accept"));
            AssertRecorded(SipErrorIds.UnsupportedNotifyBody);

            // Broken XML, and XML with a DTD (entity expansion is never attempted): 400.
            Assert.Equal(400, ((SipResponse)Send(peer, Notify("application/dialog-info+xml", Xml("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"5\"")))!).StatusCode);
            const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>" +
                                  "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"6\" state=\"full\" entity=\"sip:101@pbx.test\">&lol2;</dialog-info>";
            Assert.Equal(400, ((SipResponse)Send(peer, Notify("application/dialog-info+xml", Xml(laughs)))!).StatusCode);
            AssertRecorded(SipErrorIds.MalformedDialogInfo);

            // Dialog state of an unknown extension inside 101's subscription: refused, 101 untouched.
            Assert.Equal(400, ((SipResponse)Send(peer, Notify("application/dialog-info+xml", Xml(string.Format(Confirmed, "999"))))!).StatusCode);

            // A NOTIFY for no subscription of this client (an unknown extension's dialog): 481.
            Assert.Equal(481, ((SipResponse)Send(peer, Notify("application/dialog-info+xml", Xml(string.Format(Confirmed, "555")), callId: "nobody@nowhere"))!).StatusCode);
            AssertRecorded(SipErrorIds.UnknownSubscription);

            // A body larger than the datagram says: dropped, recorded.
            var truncated = Notify("application/dialog-info+xml", Xml(string.Format(Confirmed, "101")));
            peer.Send(truncated.Take(truncated.Length - 40).ToArray(), _lab.Source.LocalEndPoint!);
            // A request method this client does not take: 405.
            var invite = Encoding.ASCII.GetBytes($"INVITE sip:presencesync@{_lab.Source.LocalEndPoint} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKinv1\r\n" +
                                                 "From: <sip:x@y>;tag=1\r\nTo: <sip:presencesync@pbx.test>\r\nCall-ID: inv1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal(405, ((SipResponse)Send(peer, invite)!).StatusCode);
            AssertRecorded(SipErrorIds.UnexpectedRequest);

            // None of it made an event, and the subscriptions are as healthy as before: the next real call shows.
            Assert.Equal(events, _lab.Target.Events.Count);
            Assert.DoesNotContain(_lab.Target.Health, h => h.Item != "Default/input" && !h.Healthy);
            Assert.Equal(0, _lab.Calls(new[] { ("102", "101") }, talkMs: 600).Wait(TimeSpan.FromSeconds(30)));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A101").Any(e => e.State == "OnCall") && _lab.Target.EventsFor("A101").Last().State == "Idle",
                TimeSpan.FromSeconds(15), "the real call after the bad input");
        }

        [Fact]
        public void An_oversized_NOTIFY_over_TCP_gets_413_and_the_connection_keeps_working()
        {
            Ready(tcp: true);
            var events = _lab.Target.Events.Count;
            var huge = Encoding.UTF8.GetBytes(string.Format(Confirmed, "101").Replace("<dialog id", new string(' ', 200_000) + "<dialog id"));
            var answer = RawSipPeer.SendTcp(Notify("application/dialog-info+xml", huge), _lab.Source!.LocalEndPoint!, TimeSpan.FromSeconds(5));
            Assert.Equal(413, ((SipResponse)answer!).StatusCode);
            AssertRecorded(SipErrorIds.MessageTooLarge);

            // A stream that is not SIP: the connection is closed, recorded.
            Assert.Null(RawSipPeer.SendTcp(Encoding.ASCII.GetBytes("NOT SIP AT ALL\r\n\r\n"), _lab.Source.LocalEndPoint!, TimeSpan.FromSeconds(5)));
            AssertRecorded(SipErrorIds.MalformedMessage);

            Assert.Equal(events, _lab.Target.Events.Count);
            Assert.Equal(0, _lab.Calls(new[] { ("102", "101") }, talkMs: 600).Wait(TimeSpan.FromSeconds(30)));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A101").Any(e => e.State == "OnCall") && _lab.Target.EventsFor("A101").Last().State == "Idle",
                TimeSpan.FromSeconds(15), "the real call after the bad input");
        }
    }
}
