using System;
using System.Linq;
using System.Text;
using PresenceSync.Engine.Sip.Auth;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Rlmi;
using PresenceSync.Engine.Sip.Subscriptions;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>The message, dialog-info, RLMI and digest readers on the examples of their RFCs and on what real servers send.</summary>
    public class SipParserTests
    {
        private static SipMessage Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text), 0, Encoding.UTF8.GetByteCount(text), SipLimits.Default);

        [Fact]
        public void A_NOTIFY_as_Kamailio_sends_it_parses_with_compact_and_folded_headers()
        {
            var text = "\r\nNOTIFY sip:presencesync@127.0.0.1:5070 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKc253.1;rport\r\n" +
                       "t: <sip:presencesync@pbx.test>;tag=abc\r\nf: \"Ext 101\" <sip:101@pbx.test>;tag=xyz\r\ni: 9bb6@test\r\nCSeq: 3 NOTIFY\r\n" +
                       "o: dialog\r\nSubscription-State: active;\r\n expires=119\r\nc: application/dialog-info+xml\r\nl: 5\r\n\r\nhello";
            var notify = (SipRequest)Parse(text);
            Assert.Equal("NOTIFY", notify.Method);
            Assert.Equal("9bb6@test", notify.CallId);
            Assert.Equal("abc", notify.To.Tag);
            Assert.Equal("Ext 101", notify.From.Display);
            Assert.Equal("sip:101@pbx.test", notify.From.Uri);
            Assert.Equal((3L, "NOTIFY"), notify.CSeq);
            Assert.Equal("dialog", notify.Headers.Get("Event"));
            Assert.Equal("application/dialog-info+xml", notify.ContentType);
            Assert.Equal("z9hG4bKc253.1", notify.TopVia!.Branch);
            Assert.Equal(119, SubscriptionStateHeader.Parse(notify.Headers.Get("Subscription-State"))!.Expires);
            Assert.Equal("hello", notify.BodyText);
        }

        [Theory]
        [InlineData("NOTIFY sip:a@b SIP/3.0\r\n\r\n")]
        [InlineData("NOTIFY  sip:a@b SIP/2.0\r\n\r\n")]
        [InlineData("SIP/2.0 99 Low\r\n\r\n")]
        [InlineData("SIP/2.0 2000 OK\r\n\r\n")]
        [InlineData("NOTIFY sip:a@b SIP/2.0\r\nBad Header: x\r\n\r\n")]
        [InlineData("NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nshort")]
        [InlineData("NOTIFY sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n")]
        [InlineData("NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")]
        [InlineData("NOTIFY sip:a@b SIP/2.0\r\nVia: x")]
        public void Malformed_messages_are_refused_with_a_parse_error(string text) =>
            Assert.Throws<SipParseException>(() => Parse(text));

        [Fact]
        public void Limits_hold_for_headers_and_bodies()
        {
            var many = "NOTIFY sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"X-{i}: v\r\n")) + "\r\n";
            Assert.Throws<SipParseException>(() => Parse(many));
            var body = new string('x', 70000);
            var big = (SipRequest)Parse($"NOTIFY sip:a@b SIP/2.0\r\nContent-Length: {body.Length}\r\n\r\n{body}");
            Assert.True(big.BodyTooLarge);
            Assert.Empty(big.Body);
        }

        [Fact]
        public void The_writer_always_writes_Content_Length_from_the_body_and_cuts_header_injection()
        {
            var request = new SipRequest("SUBSCRIBE", "sip:101@pbx.test");
            request.Headers.Add("Content-Length", "999");
            request.Headers.Add("Subject", "a\r\nEvil: injected");
            request.Body = Encoding.UTF8.GetBytes("abc");
            var text = Encoding.UTF8.GetString(SipWriter.Write(request));
            Assert.Contains("Content-Length: 3\r\n", text);
            Assert.DoesNotContain("999", text);
            Assert.DoesNotContain("Evil", text);
            Assert.Equal("abc", Parse(text).BodyText);
        }

        [Theory]
        [InlineData("sip:101@pbx.test:5060;transport=tcp", "101", "pbx.test", 5060)]
        [InlineData("sips:alice%20b@[2001:db8::1]:5061", "alice b", "[2001:db8::1]", 5061)]
        [InlineData("tel:+4930123456;phone-context=example.com", "+4930123456", "", null)]
        public void URIs_parse(string text, string user, string host, int? port)
        {
            Assert.True(SipUri.TryParse(text, out var uri));
            Assert.Equal(user, uri.User);
            Assert.Equal(host, uri.Host);
            Assert.Equal(port, uri.Port);
        }

        [Fact]
        public void Dialog_info_from_RFC_4235_and_Kamailio_reads_with_state_direction_and_parties()
        {
            // RFC 4235 section 5.2 style, with Kamailio's capitalised "Trying".
            var xml = "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"3\" state=\"full\" entity=\"sip:alice@example.com\">" +
                      "<dialog id=\"as7d900as8\" call-id=\"a84b4c76e66710\" local-tag=\"1928301774\" remote-tag=\"hh76a\" direction=\"initiator\"><state>confirmed</state>" +
                      "<local><identity display=\"Alice\">sip:alice@example.com</identity></local><remote><identity display=\"Bob\">sip:bob@example.org</identity>" +
                      "<target uri=\"sip:bobster@phone21.example.org\"/></remote></dialog>" +
                      "<dialog id=\"j7zgt54\" direction=\"recipient\"><state event=\"cancelled\">Trying</state><x:unknown xmlns:x=\"urn:other\"/></dialog></dialog-info>";
            var doc = DialogInfoParser.Parse(Encoding.UTF8.GetBytes(xml));
            Assert.Equal(3, doc.Version);
            Assert.True(doc.Full);
            Assert.Equal("sip:alice@example.com", doc.Entity);
            Assert.Equal(2, doc.Dialogs.Count);
            Assert.Equal(DialogState.Confirmed, doc.Dialogs[0].State);
            Assert.Equal(DialogDirection.Initiator, doc.Dialogs[0].Direction);
            Assert.Equal("sip:bob@example.org", doc.Dialogs[0].RemoteIdentity);
            Assert.Equal("Bob", doc.Dialogs[0].RemoteDisplay);
            Assert.Equal("sip:bobster@phone21.example.org", doc.Dialogs[0].RemoteTarget);
            Assert.Equal(DialogState.Trying, doc.Dialogs[1].State);
            Assert.Equal("cancelled", doc.Dialogs[1].StateEvent);
        }

        [Theory]
        [InlineData("<dialog-info version=\"1\" state=\"full\"/>")] // no namespace
        [InlineData("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" state=\"full\"/>")] // no version
        [InlineData("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"half\"/>")]
        [InlineData("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\"><dialog id=\"a\"><state>ringing</state></dialog></dialog-info>")]
        [InlineData("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\"><dialog><state>early</state></dialog></dialog-info>")]
        [InlineData("<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\">&e;</dialog-info>")]
        public void Dialog_info_that_breaks_RFC_4235_or_carries_a_DTD_is_refused(string xml) =>
            Assert.Throws<DialogInfoException>(() => DialogInfoParser.Parse(Encoding.UTF8.GetBytes(xml)));

        [Fact]
        public void An_RFC_4662_notification_routes_each_part_to_its_resource()
        {
            const string boundary = "50UBfW7LSCVLtggUPe5z";
            var rlmi = "<?xml version=\"1.0\"?><list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:agents@pbx.test\" version=\"7\" fullState=\"true\">" +
                       "<resource uri=\"sip:101@pbx.test\"><instance id=\"i1\" state=\"active\" cid=\"p101@pbx.test\"/></resource>" +
                       "<resource uri=\"sip:102@pbx.test\"><instance id=\"i2\" state=\"terminated\" reason=\"rejected\"/></resource></list>";
            var info = "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:101@pbx.test\"/>";
            var body = $"--{boundary}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root@pbx.test>\r\nContent-Type: application/rlmi+xml;charset=\"UTF-8\"\r\n\r\n{rlmi}\r\n" +
                       $"--{boundary}\r\nContent-ID: <p101@pbx.test>\r\nContent-Type: application/dialog-info+xml\r\n\r\n{info}\r\n--{boundary}--\r\n";
            var list = RlmiParser.Parse(Encoding.UTF8.GetBytes(body), $"multipart/related;type=\"application/rlmi+xml\";start=\"<root@pbx.test>\";boundary=\"{boundary}\"");
            Assert.Equal(7, list.Version);
            Assert.True(list.FullState);
            Assert.Equal("sip:101@pbx.test", list.Resources[0].Uri);
            Assert.Equal("application/dialog-info+xml", list.Resources[0].ContentType);
            Assert.Equal(info, Encoding.UTF8.GetString(list.Resources[0].Body!));
            Assert.Equal("terminated", list.Resources[1].State);
            Assert.Equal("rejected", list.Resources[1].Reason);
            Assert.Null(list.Resources[1].Body);
        }

        [Fact]
        public void Digest_responses_match_RFC_2617_and_RFC_2069()
        {
            // RFC 2617 section 3.5 (qop=auth) and RFC 2069 section 2.4 (no qop); SIP computes the same way (RFC 3261 section 22.4).
            var auth = new DigestAuthenticator("Mufasa", "Circle Of Life", () => "0a4f113b");
            var challenge = new SipResponse(401, "Unauthorized");
            challenge.Headers.Add("WWW-Authenticate", "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
            Assert.True(auth.Accept(challenge, 0).Retry);
            var get = new SipRequest("GET", "/dir/index.html");
            auth.Authorize(get);
            var credentials = get.Headers.Get("Authorization")!;
            Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", credentials);
            Assert.Contains("nc=00000001", credentials);
            Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", credentials);

            var legacy = new DigestAuthenticator("Mufasa", "CircleOfLife");
            var old = new SipResponse(401, "Unauthorized");
            old.Headers.Add("WWW-Authenticate", "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
            Assert.True(legacy.Accept(old, 0).Retry);
            var again = new SipRequest("GET", "/dir/index.html");
            legacy.Authorize(again);
            Assert.Contains("response=\"1949323746fe6a43ef61f9606e7febea\"", again.Headers.Get("Authorization"));
            Assert.DoesNotContain("qop", again.Headers.Get("Authorization"));
        }

        [Fact]
        public void A_second_challenge_without_stale_means_wrong_credentials_and_stale_is_retried()
        {
            var auth = new DigestAuthenticator("u", "p");
            SipResponse Challenge(bool stale)
            {
                var r = new SipResponse(407, "Proxy Authentication Required");
                r.Headers.Add("Proxy-Authenticate", $"Digest realm=\"r\", nonce=\"{Guid.NewGuid():N}\", qop=\"auth\"{(stale ? ", stale=TRUE" : "")}");
                return r;
            }
            Assert.True(auth.Accept(Challenge(false), 0).Retry);
            Assert.True(auth.Accept(Challenge(true), 1).Retry);
            var refused = auth.Accept(Challenge(false), 1);
            Assert.False(refused.Retry);
            Assert.Equal(PresenceSync.Engine.Sip.SipErrorIds.AuthenticationFailed, refused.ErrorId);
        }
    }
}
