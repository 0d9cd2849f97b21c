using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PresenceSync.Engine.Sip.Auth;
using PresenceSync.Engine.Sip.DialogInfo;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Rlmi;
using PresenceSync.Engine.Sip.Source;
using PresenceSync.Engine.Sip.Subscriptions;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Sync.Sources;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>
    /// Seeded random and mutated input through every reader a NOTIFY meets: message parser and
    /// its header accessors, dialog-info, RLMI, digest challenges, Subscription-State and the
    /// extension line. The only exceptions allowed out are the readers' own parse errors.
    /// </summary>
    public class SipFuzzTests
    {
        private const int Iterations = 3000;

        private static readonly string[] Seeds =
        {
            "NOTIFY sip:presencesync@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1;rport\r\nFrom: <sip:101@pbx.test>;tag=a\r\n" +
            "To: <sip:presencesync@pbx.test>;tag=b\r\nCall-ID: c@d\r\nCSeq: 4 NOTIFY\r\nEvent: dialog\r\nSubscription-State: active;expires=60\r\n" +
            "Contact: <sip:127.0.0.1:5060>\r\nContent-Type: application/dialog-info+xml\r\nContent-Length: {len}\r\n\r\n{body}",
            "SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bKx\r\nFrom: \"A, B\" <sip:a@b>;tag=1\r\nTo: <sip:101@pbx.test>;tag=2\r\n" +
            "Call-ID: x\r\nCSeq: 1 SUBSCRIBE\r\nProxy-Authenticate: Digest realm=\"pbx\", nonce=\"n,1\", algorithm=SHA-256, qop=\"auth,auth-int\", stale=true\r\nContent-Length: 0\r\n\r\n",
            "SIP/2.0 202 Accepted\r\nv: SIP/2.0/UDP [::1]:5070;branch=z9hG4bKy\r\nf: <sip:p@pbx>;tag=1\r\nt: <sip:101@pbx>;tag=2\r\ni: y\r\nCSeq: 2 SUBSCRIBE\r\n" +
            "Expires: 600\r\nRecord-Route: <sip:10.0.0.1;lr>, <sip:10.0.0.2;lr>\r\nm: <sip:101@10.0.0.3:5060;transport=tcp>\r\nl: 0\r\n\r\n",
        };

        private const string Body = "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"3\" state=\"full\" entity=\"sip:101@pbx.test\">" +
                                    "<dialog id=\"d1\" call-id=\"c\" local-tag=\"l\" remote-tag=\"r\" direction=\"recipient\"><state event=\"x\">early</state>" +
                                    "<local><identity>sip:101@pbx.test</identity></local><remote><identity display=\"B\">sip:102@pbx.test</identity><target uri=\"sip:102@h\"/></remote></dialog></dialog-info>";

        private static readonly string[] Pieces = { "\r\n", "\r\n\r\n", ";", ",", "\"", "<", ">", ":", "@", "=", " ", "\t", "\0", "\u00ff", "SIP/2.0", "tag=", "Content-Length: 99999999", "<dialog", "</dialog-info>", "&lt;", "<!DOCTYPE x>", "]]>", "--" };

        private static byte[] Mutate(Random random, byte[] input)
        {
            var bytes = new List<byte>(input);
            var rounds = random.Next(1, 6);
            for (var r = 0; r < rounds && bytes.Count > 0; r++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(7))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at)); break;
                    case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pieces[random.Next(Pieces.Length)])); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                    case 4: bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 40)).ToList()); break;
                    case 5: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    default: for (var i = 0; i < random.Next(1, 10); i++) bytes.Insert(Math.Min(at + i, bytes.Count), (byte)random.Next(32, 127)); break;
                }
            }
            return bytes.ToArray();
        }

        private static byte[] Random(Random random) { var b = new byte[random.Next(0, 600)]; random.NextBytes(b); return b; }

        [Fact]
        public void Random_and_mutated_messages_never_escape_the_parser_as_anything_but_parse_errors()
        {
            var random = new Random(4235);
            var seeds = Seeds.Select(s => Encoding.UTF8.GetBytes(s.Replace("{len}", Encoding.UTF8.GetByteCount(Body).ToString()).Replace("{body}", Body))).ToArray();
            var parsed = 0;
            for (var i = 0; i < Iterations; i++)
            {
                var input = i % 10 == 0 ? Random(random) : Mutate(random, seeds[random.Next(seeds.Length)]);
                SipMessage message;
                try { message = SipParser.Parse(input, 0, input.Length, SipLimits.Default); }
                catch (SipParseException) { continue; }
                parsed++;
                Touch(() => message.From.Tag);
                Touch(() => message.To.Uri);
                Touch(() => message.CSeq.Method);
                Touch(() => message.TopVia?.Branch);
                Touch(() => message.ContentType);
                Touch(() => message.DeltaSeconds("Expires"));
                Touch(() => message.Headers.GetList("Record-Route").Count);
                Touch(() => SubscriptionStateHeader.Parse(message.Headers.Get("Subscription-State"))?.RetryDelay(TimeSpan.FromMinutes(5)));
                Touch(() => DigestChallenge.Parse(message.Headers.Get("Proxy-Authenticate"))?.Qop.Count);
                Touch(() => message.Headers.GetList("Contact").Select(c => NameAddress.Parse(c).Uri).Count());
                Touch(() => SipUri.TryParse(message is SipRequest r ? r.RequestUri : "", out _));
                // A stream is framed by the same code (RFC 3261 section 18.3).
                Touch(() => SipParser.FindHeaderEnd(input, 0, input.Length, SipLimits.Default));
            }
            Assert.True(parsed > Iterations / 10, $"only {parsed} of {Iterations} parsed: the mutations are too blunt to reach the accessors");
        }

        [Fact]
        public void Random_and_mutated_bodies_never_escape_the_dialog_info_rlmi_and_line_readers()
        {
            var random = new Random(6665);
            var seed = Encoding.UTF8.GetBytes(Body);
            var rlmi = Encoding.UTF8.GetBytes("--b\r\nContent-ID: <r>\r\nContent-Type: application/rlmi+xml\r\n\r\n<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:l@p\" version=\"1\" fullState=\"true\">" +
                                              "<resource uri=\"sip:101@p\"><instance id=\"i\" state=\"active\" cid=\"x\"/></resource></list>\r\n--b\r\nContent-ID: <x>\r\nContent-Type: application/dialog-info+xml\r\n\r\n" + Body + "\r\n--b--\r\n");
            var events = new List<AcdEvent>();
            var context = new LineContext("Default", LineStateMap.Default, events.Add, _ => { }, new InputRecorder("Default", _ => { }, TimeSpan.Zero))
            {
                KnownExtensions = new HashSet<string> { "101", "102" },
            };
            var line = new ExtensionLine("101", "A101", context);
            var read = 0;
            for (var i = 0; i < Iterations; i++)
            {
                var input = i % 10 == 0 ? Random(random) : Mutate(random, seed);
                try { DialogInfoParser.Parse(input); read++; }
                catch (DialogInfoException) { }
                try { RlmiParser.Parse(Mutate(random, rlmi), "multipart/related;type=\"application/rlmi+xml\";boundary=b"); }
                catch (DialogInfoException) { }
                // The whole line: versions, dialogs, events; it answers with a status, never an exception.
                var verdict = line.HandleBody("application/dialog-info+xml", input, false, 0, DateTime.UtcNow, "fuzz");
                Assert.InRange(verdict.Status, 200, 499);
            }
            Assert.True(read > 0, "no mutated body was still dialog-info");
        }

        private static void Touch<T>(Func<T> read)
        {
            try { read(); }
            catch (SipParseException) { }
        }
    }
}
