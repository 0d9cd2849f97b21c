using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Agents;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Sip;
using PresenceSync.Engine.Sip.Messages;
using PresenceSync.Engine.Sip.Source;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>
    /// The source against a server the test plays (raw UDP): challenges with unknown algorithms,
    /// refusals, terminated subscriptions, and NOTIFY versions out of order, each answered the
    /// way RFC 3261, 6665 and 4235 say, with a clear record and nothing else changed.
    /// </summary>
    [Collection("Loopback ports")]
    public class SipScriptedServerTests : IDisposable
    {
        private readonly ScriptedServer _server = new ScriptedServer();
        private readonly EngineFixture _engine = new EngineFixture();
        private readonly RecordingTarget _target = new RecordingTarget();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _running;

        public SipScriptedServerTests()
        {
            var import = new AgentImport(_engine.Context, null);
            var mapping = new MappingService(_engine.Context);
            foreach (var ext in new[] { "101", "102" })
            {
                import.Process(new AgentInput { AgentId = "A" + ext, Email = $"a{ext}@contoso.test", Extension = ext });
                if (ext == "102") continue; // 102 is a known extension of the unit but not mapped: not watched
                _engine.User($"a{ext}@contoso.test");
                mapping.Add(null, "A" + ext, $"a{ext}@contoso.test");
            }
        }

        private void Run(string? password = null, string? resourceList = null)
        {
            var settings = new SipSourceSettings
            {
                Registrar = SipUri.Parse(_server.Registrar),
                Domain = "pbx.test",
                Password = () => password,
                LocalAddress = System.Net.IPAddress.Loopback,
                T1 = TimeSpan.FromMilliseconds(50),
                FirstBackoff = TimeSpan.FromMilliseconds(300),
                LongestBackoff = TimeSpan.FromSeconds(3),
                InputRecordInterval = TimeSpan.Zero,
                ResourceList = resourceList,
            };
            var source = new SipDialogSource(_engine.Context, settings);
            _running = Task.Run(() => source.RunAsync(_target, _stop.Token));
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _running?.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
            _server.Dispose();
        }

        private SipRequest Subscribed(string expires = "600")
        {
            var (subscribe, from) = _server.ReceiveRequest("SUBSCRIBE");
            Assert.Equal("sip:101@pbx.test", subscribe.RequestUri);
            Assert.Equal("dialog", subscribe.Headers.Get("Event"));
            _server.Respond(subscribe, from, 202, "Accepted", headers: ("Expires", expires));
            return subscribe;
        }

        private void WaitHealth(string errorId) =>
            _target.WaitUntil(() => _target.Health.Any(h => h.Item == "Default/101" && h.ErrorId == errorId), TimeSpan.FromSeconds(10), errorId);

        [Theory]
        [InlineData("SHA-512-256")]
        [InlineData("FOO-9")]
        public void A_challenge_with_an_unknown_algorithm_is_refused_with_a_record_and_not_answered(string algorithm)
        {
            Run(password: "pw");
            var (subscribe, from) = _server.ReceiveRequest("SUBSCRIBE");
            _server.Respond(subscribe, from, 407, "Proxy Authentication Required",
                headers: ("Proxy-Authenticate", $"Digest realm=\"pbx.test\", nonce=\"abc\", algorithm={algorithm}, qop=\"auth\""));
            WaitHealth(SipErrorIds.DigestAlgorithmUnsupported);
            Assert.Contains(algorithm, _target.Health.First(h => h.ErrorId == SipErrorIds.DigestAlgorithmUnsupported).Detail);
            // No credentials were computed for it, and the next attempt waits for the backoff (a minute at first, here capped at 3 s).
            Assert.Null(_server.TryReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(1.5)));
            Assert.Empty(_target.Events);
        }

        [Fact]
        public void Of_several_challenges_the_first_with_a_supported_algorithm_is_answered()
        {
            Run(password: "pw");
            var (subscribe, from) = _server.ReceiveRequest("SUBSCRIBE");
            _server.Respond(subscribe, from, 407, "Proxy Authentication Required",
                headers: new[] { ("Proxy-Authenticate", "Digest realm=\"pbx.test\", nonce=\"n1\", algorithm=SHA-512-256, qop=\"auth\""),
                                 ("Proxy-Authenticate", "Digest realm=\"pbx.test\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth,auth-int\""),
                                 ("Proxy-Authenticate", "Digest realm=\"pbx.test\", nonce=\"n3\", algorithm=MD5, qop=\"auth\"") });
            var (retry, _) = _server.ReceiveRequest("SUBSCRIBE");
            var credentials = retry.Headers.Get("Proxy-Authorization")!;
            Assert.Contains("algorithm=SHA-256", credentials);
            Assert.Contains("nonce=\"n2\"", credentials);
            Assert.Contains("qop=auth,", credentials);
            Assert.Equal(subscribe.CSeq.Number + 1, retry.CSeq.Number);
            Assert.Equal(subscribe.CallId, retry.CallId);
            Assert.NotEqual(subscribe.TopVia!.Branch, retry.TopVia!.Branch);
        }

        [Fact]
        public void Versions_drop_stale_and_repeated_notifications_and_a_partial_one_after_a_gap_asks_for_full_state()
        {
            Run();
            var subscribe = Subscribed();
            Assert.Equal(200, _server.Notify(subscribe, "active;expires=600", ScriptedServer.DialogInfo(1, true)).StatusCode);
            _target.WaitUntil(() => _target.Events.Count == 1, TimeSpan.FromSeconds(5), "the first state");
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(3, true, ("d1", "confirmed", "recipient", "sip:0301234@pbx.test"))).StatusCode);
            _target.WaitUntil(() => _target.Events.Count == 2, TimeSpan.FromSeconds(5), "OnCall");
            // Older, and repeated: already known, answered 200, nothing changes.
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(2, true, ("d1", "early", "recipient", null))).StatusCode);
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(3, true)).StatusCode);
            // Partial state, the next version: the dialog ends, the line is idle.
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(4, false, ("d1", "terminated", "recipient", null))).StatusCode);
            _target.WaitUntil(() => _target.Events.Count == 3, TimeSpan.FromSeconds(5), "Idle");
            // Partial state after a gap (5 is missing): not applied; the source refreshes so the server sends full state.
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(6, false, ("d2", "early", "recipient", null))).StatusCode);
            var (refresh, _) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(5));
            Assert.Equal(subscribe.CallId, refresh.CallId);
            Assert.Equal("srv1", refresh.To.Tag);
            Thread.Sleep(300);
            Assert.Equal(new[] { ("Idle", CallType.None), ("OnCall", CallType.Inbound), ("Idle", CallType.None) },
                _target.Events.Select(e => (e.Event.State!, e.Event.CallType)).ToArray());
        }

        [Fact]
        public void A_call_with_a_known_extension_of_the_unit_is_internal_even_when_that_agent_is_not_watched()
        {
            Run();
            var subscribe = Subscribed();
            _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(1, true, ("d1", "early", "recipient", "sip:102@pbx.test")));
            _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(2, true, ("d1", "confirmed", "recipient", "\"Bob\" &lt;sip:102@pbx.test&gt;")));
            _target.WaitUntil(() => _target.Events.Count == 2, TimeSpan.FromSeconds(5), "two events");
            Assert.All(_target.Events, e => Assert.Equal(CallType.Internal, e.Event.CallType));
            Assert.Contains("with extension 102", _target.Events.Last().Event.Reason);
        }

        [Fact]
        public void Terminated_with_timeout_subscribes_again_at_once_and_noresource_is_reported()
        {
            Run();
            var first = Subscribed();
            _server.Notify(first, "active", ScriptedServer.DialogInfo(1, true));
            Assert.Equal(200, _server.Notify(first, "terminated;reason=timeout", null).StatusCode);
            var (again, from) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(2));
            Assert.NotEqual(first.CallId, again.CallId);
            Assert.Null(again.To.Tag);
            Assert.DoesNotContain(_target.Health, h => !h.Healthy);
            _server.Respond(again, from, 200, "OK", toTag: "srv2");
            Assert.Equal(200, _server.Notify(again, "terminated;reason=noresource", null, toTag: "srv2").StatusCode);
            WaitHealth(SipErrorIds.SubscriptionTerminated);
            Assert.Contains("noresource", _target.Health.Last(h => h.ErrorId == SipErrorIds.SubscriptionTerminated).Detail);
        }

        [Fact]
        public void Refusals_and_silence_are_reported_and_retried_with_backoff()
        {
            Run();
            var (s1, from) = _server.ReceiveRequest("SUBSCRIBE");
            _server.Respond(s1, from, 423, "Interval Too Brief", headers: ("Min-Expires", "1800"));
            var (s2, _) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(2));
            Assert.Equal("1800", s2.Headers.Get("Expires"));
            _server.Respond(s2, from, 489, "Bad Event");
            WaitHealth(SipErrorIds.SubscriptionRefused);
            Assert.Contains("hint", _target.Health.Last(h => h.ErrorId == SipErrorIds.SubscriptionRefused).Detail);
            // Silence: Timer F (64 x T1, here 3.2 s) ends the wait.
            _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(10));
            WaitHealth(SipErrorIds.SubscriptionTimeout);
        }

        [Fact]
        public void A_refresh_answered_481_starts_a_new_subscription_at_once()
        {
            Run();
            var (s1, from) = _server.ReceiveRequest("SUBSCRIBE");
            _server.Respond(s1, from, 200, "OK", headers: ("Expires", "2"));
            var (refresh, _) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(5));
            Assert.Equal(s1.CallId, refresh.CallId);
            Assert.Equal($"sip:127.0.0.1:{_server.Port}", refresh.RequestUri); // the remote target from the 2xx's Contact
            _server.Respond(refresh, from, 481, "Call/Transaction Does Not Exist");
            var (fresh, _) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(2));
            Assert.NotEqual(s1.CallId, fresh.CallId);
            Assert.Equal("sip:101@pbx.test", fresh.RequestUri);
        }

        [Fact]
        public void A_thousand_mutated_NOTIFYs_on_the_wire_leave_the_subscription_answering_and_correct()
        {
            Run();
            var subscribe = Subscribed();
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(1, true)).StatusCode);
            var random = new Random(3261);
            for (var i = 0; i < 1000; i++)
            {
                var (bytes, to) = _server.NotifyBytes(subscribe, "active", ScriptedServer.DialogInfo(2 + i, true, ("d", "confirmed", "recipient", null)));
                var mutated = bytes.ToList();
                for (var m = 0; m < random.Next(1, 4); m++)
                {
                    var at = random.Next(mutated.Count);
                    if (random.Next(2) == 0) mutated[at] = (byte)random.Next(256);
                    else mutated.RemoveRange(at, Math.Min(random.Next(1, 30), mutated.Count - at));
                }
                _server.SendRaw(mutated.ToArray(), to);
            }
            _server.Drain();
            // Whatever got through was valid dialog-info; the line still follows the server: a valid NOTIFY with a higher version is taken.
            Assert.Equal(200, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(5000, true, ("z", "early", "initiator", null))).StatusCode);
            _target.WaitUntil(() => _target.Events.LastOrDefault().Event?.State == "Dialing", TimeSpan.FromSeconds(5), "the valid NOTIFY after the noise");
            Assert.DoesNotContain(_target.Health, h => h.Item == "Default/101" && !h.Healthy);
        }

        [Fact]
        public void A_NOTIFY_out_of_CSeq_order_is_answered_500_and_full_state_is_asked_for()
        {
            Run();
            var subscribe = Subscribed();
            var (late, to) = _server.NotifyBytes(subscribe, "active", ScriptedServer.DialogInfo(1, true, ("d", "early", "recipient", null)));
            var (first, _) = _server.NotifyBytes(subscribe, "active", ScriptedServer.DialogInfo(2, true, ("d", "confirmed", "recipient", null)));
            _server.SendRaw(first, to);
            Assert.Equal(200, _server.ReceiveResponse().StatusCode);
            _server.SendRaw(late, to);
            Assert.Equal(500, _server.ReceiveResponse().StatusCode); // RFC 3261 section 12.2.2
            // Which of the two was true cannot be known: a refresh in the dialog makes the server send full state.
            var (refresh, _) = _server.ReceiveRequest("SUBSCRIBE", TimeSpan.FromSeconds(3));
            Assert.Equal(subscribe.CallId, refresh.CallId);
            Assert.Equal("srv1", refresh.To.Tag);
            _target.WaitUntil(() => _target.Events.Count == 1, TimeSpan.FromSeconds(3), "OnCall");
            Assert.Equal("OnCall", _target.Events.Single().Event.State);
        }

        [Fact]
        public void A_resource_list_subscription_routes_each_extensions_dialog_info_to_its_agent()
        {
            Run(resourceList: "sip:agents@pbx.test");
            var (subscribe, from) = _server.ReceiveRequest("SUBSCRIBE");
            Assert.Equal("sip:agents@pbx.test", subscribe.RequestUri);
            Assert.Equal("eventlist", subscribe.Headers.Get("Supported"));
            Assert.Contains("application/rlmi+xml", subscribe.Headers.Get("Accept"));
            _server.Respond(subscribe, from, 200, "OK", headers: ("Require", "eventlist"));

            string Body(long version, string state101, string instance101) =>
                "--b1\r\nContent-ID: <root@pbx.test>\r\nContent-Type: application/rlmi+xml\r\n\r\n" +
                $"<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" uri=\"sip:agents@pbx.test\" version=\"{version}\" fullState=\"true\">" +
                $"<resource uri=\"sip:101@pbx.test\"><instance id=\"i1\" state=\"{instance101}\" cid=\"d101@pbx.test\"{(instance101 == "terminated" ? " reason=\"rejected\"" : "")}/></resource>" +
                "<resource uri=\"sip:999@pbx.test\"><instance id=\"i9\" state=\"active\"/></resource></list>\r\n" +
                "--b1\r\nContent-ID: <d101@pbx.test>\r\nContent-Type: application/dialog-info+xml\r\n\r\n" +
                ScriptedServer.DialogInfo(version, true, ("x", state101, "recipient", "sip:0301234@pbx.test")) + "\r\n--b1--\r\n";
            const string type = "multipart/related;type=\"application/rlmi+xml\";start=\"<root@pbx.test>\";boundary=\"b1\"";
            Assert.Equal(200, _server.Notify(subscribe, "active;expires=600", Body(1, "early", "active"), contentType: type).StatusCode);
            Assert.Equal(200, _server.Notify(subscribe, "active;expires=600", Body(2, "confirmed", "active"), contentType: type).StatusCode);
            _target.WaitUntil(() => _target.Events.Count == 2, TimeSpan.FromSeconds(5), "Ringing and OnCall through the list");
            Assert.Equal(new[] { ("Ringing", CallType.Inbound), ("OnCall", CallType.Inbound) }, _target.Events.Select(e => (e.Event.State!, e.Event.CallType)).ToArray());
            Assert.Contains(_target.Health, h => h.Item == "Default/101" && h.Healthy && h.Detail!.Contains("list"));

            // A stale list version is dropped; a plain dialog-info body is not a list notification (415).
            Assert.Equal(200, _server.Notify(subscribe, "active", Body(1, "terminated", "active"), contentType: type).StatusCode);
            Assert.Equal(415, _server.Notify(subscribe, "active", ScriptedServer.DialogInfo(9, true)).StatusCode);
            Assert.Equal(200, _server.Notify(subscribe, "active", Body(3, "confirmed", "terminated"), contentType: type).StatusCode);
            WaitHealth(SipErrorIds.SubscriptionTerminated);
            Assert.Equal(2, _target.Events.Count);
        }
    }
}
