using System;
using System.Linq;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>Real calls through Kamailio, placed by SIPp: the source turns each extension's dialog state into ACD events.</summary>
    [Collection("Loopback ports")]
    public class SipCallTests : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start();

        public void Dispose() => _lab.Dispose();

        [Fact]
        public void A_call_between_two_extensions_rings_connects_and_ends_as_an_internal_call_on_both()
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 1000);
            _lab.Run();
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A101").Any() && _lab.Target.EventsFor("A102").Any(), TimeSpan.FromSeconds(10), "the initial Idle of both");

            var calls = _lab.Calls(new[] { ("101", "102") }, talkMs: 1500);
            Assert.Equal(0, calls.Wait(TimeSpan.FromSeconds(30)));

            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A101").LastOrDefault()?.State == "Idle" && _lab.Target.EventsFor("A102").LastOrDefault()?.State == "Idle"
                                        && _lab.Target.EventsFor("A102").Any(e => e.State == "OnCall"), TimeSpan.FromSeconds(15), "both back to Idle");
            var caller = _lab.Target.EventsFor("A101").Select(e => (e.State!, e.CallType)).ToList();
            var callee = _lab.Target.EventsFor("A102").Select(e => (e.State!, e.CallType)).ToList();
            Assert.Equal(new[] { ("Idle", CallType.None), ("Dialing", CallType.Internal), ("OnCall", CallType.Internal), ("Idle", CallType.None) }, caller);
            Assert.Equal(new[] { ("Idle", CallType.None), ("Ringing", CallType.Internal), ("OnCall", CallType.Internal), ("Idle", CallType.None) }, callee);
            Assert.All(_lab.Target.Events.Select(e => e.Event), e => Assert.Equal("Sip", e.Source));
        }

        [Fact]
        public void Calls_to_and_from_outside_numbers_are_outbound_and_inbound()
        {
            var extensions = new[] { "101", "103" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 800);
            _lab.Run();
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));

            Assert.Equal(0, _lab.Calls(new[] { ("101", "0301234567"), ("0309876543", "103") }, talkMs: 1000, concurrent: 2).Wait(TimeSpan.FromSeconds(30)));

            _lab.Target.WaitUntil(() => Last("A101") == "Idle" && Last("A103") == "Idle" && _lab.Target.EventsFor("A103").Any(e => e.State == "OnCall"),
                TimeSpan.FromSeconds(15), "both calls over");
            Assert.Equal(new[] { ("Idle", CallType.None), ("Dialing", CallType.Outbound), ("OnCall", CallType.Outbound), ("Idle", CallType.None) }, Seen("A101"));
            Assert.Equal(new[] { ("Idle", CallType.None), ("Ringing", CallType.Inbound), ("OnCall", CallType.Inbound), ("Idle", CallType.None) }, Seen("A103"));
            // The outside numbers stay out of the audit trail; extensions of the unit are named.
            Assert.DoesNotContain(_lab.Target.Events, e => e.Event.Reason!.Contains("0301234567") || e.Event.Reason.Contains("0309876543"));
        }

        [Fact]
        public void Several_calls_on_one_extension_show_the_busiest_and_an_outside_call_wins_over_an_internal_one()
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 700);
            _lab.Run();
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));

            var first = _lab.Calls(new[] { ("101", "102") }, talkMs: 5000);
            _lab.Target.WaitUntil(() => Last("A101") == "OnCall", TimeSpan.FromSeconds(10), "101 on its internal call");
            var second = _lab.Calls(new[] { ("0301112222", "101") }, talkMs: 1000);
            Assert.Equal(0, second.Wait(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, first.Wait(TimeSpan.FromSeconds(30)));

            _lab.Target.WaitUntil(() => Last("A101") == "Idle" && Seen("A101").Count > 2, TimeSpan.FromSeconds(15), "101 idle again");
            // The second call rang while 101 talked: OnCall is busier than Ringing, so no Ringing shows; while both were
            // confirmed the outside caller won; when it hung up the internal call was still on.
            Assert.Equal(new[]
            {
                ("Idle", CallType.None), ("Dialing", CallType.Internal), ("OnCall", CallType.Internal), ("OnCall", CallType.Inbound),
                ("OnCall", CallType.Internal), ("Idle", CallType.None),
            }, Seen("A101"));
        }

        private string? Last(string agent) => _lab.Target.EventsFor(agent).LastOrDefault()?.State;

        private System.Collections.Generic.List<(string, CallType)> Seen(string agent) => _lab.Target.EventsFor(agent).Select(e => (e.State!, e.CallType)).ToList();
    }
}
