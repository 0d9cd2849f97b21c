using System;
using System.Linq;
using PresenceSync.Engine.Sync;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>One RFC 4662 resource list subscription to Kamailio's rls module instead of one per extension.</summary>
    [Collection("Loopback ports")]
    public class SipResourceListTests : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start(c => c.ResourceLists["agents"] = new[] { "101", "102" });

        public void Dispose() => _lab.Dispose();

        [Fact]
        public void Calls_show_through_one_list_subscription_with_RLMI_notifications()
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 1500);
            _lab.Run(s => s.ResourceList = "sip:agents@pbx.test");
            _lab.Target.WaitUntil(() => _lab.Target.Health.Any(h => h.Item == "Default/sip:agents@pbx.test" && h.Healthy), TimeSpan.FromSeconds(20), "the list subscribed");
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));
            // The list's first full state carries no dialog state yet; wait for rls's back-end subscriptions before calling.
            System.Threading.Thread.Sleep(2500);

            Assert.Equal(0, _lab.Calls(new[] { ("101", "102") }, talkMs: 3000).Wait(TimeSpan.FromSeconds(30)));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A102").Any(e => e.State == "OnCall") && _lab.Target.EventsFor("A102").Last().State == "Idle"
                                        && _lab.Target.EventsFor("A101").LastOrDefault()?.State == "Idle", TimeSpan.FromSeconds(20), "the call through the list");
            // rls sends changes at most once a second, so a state shorter than that may not show; these lasted longer.
            Assert.Contains(_lab.Target.EventsFor("A102"), e => e.State == "Ringing" && e.CallType == CallType.Internal);
            Assert.Contains(_lab.Target.EventsFor("A101"), e => e.State == "OnCall" && e.CallType == CallType.Internal);
            // One subscription for both extensions: none of their own.
            Assert.Null(_lab.Source!.Roster!.Subscription("101"));
            Assert.Null(_lab.Source.Roster.Subscription("102"));
        }
    }
}
