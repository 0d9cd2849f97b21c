using System;
using System.Linq;
using PresenceSync.Engine.Sip;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>A PBX restart loses every subscription; the source notices and subscribes again, over UDP and TCP.</summary>
    [Collection("Loopback ports")]
    public class SipRestartTests : IDisposable
    {
        private readonly SipLab _lab = SipLab.Start();

        public void Dispose() => _lab.Dispose();

        [Fact]
        public void Over_UDP_the_refresh_after_a_restart_gets_481_and_the_source_subscribes_anew()
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 500);
            // A short subscription, so the refresh (which meets the restarted server) comes within seconds.
            _lab.Run(s => s.Expires = 10);
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));

            var restarted = DateTime.UtcNow;
            _lab.Kamailio.Restart();
            _lab.Register(extensions);
            _lab.Target.WaitUntil(() => extensions.All(e => _lab.Target.Health.Any(h => h.Item == "Default/" + e && h.Healthy && h.TimeUtc > restarted && h.Detail!.Contains("again"))),
                TimeSpan.FromSeconds(30), "both extensions subscribed again");

            Assert.Equal(0, _lab.Calls(new[] { ("101", "102") }, talkMs: 800).Wait(TimeSpan.FromSeconds(30)));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A102").Any(e => e.State == "OnCall") && _lab.Target.EventsFor("A102").Last().State == "Idle",
                TimeSpan.FromSeconds(15), "the call after the restart");
        }

        [Fact]
        public void Over_TCP_the_closed_connection_is_reported_and_the_source_subscribes_again_once_the_server_is_back()
        {
            var extensions = new[] { "101", "102" };
            _lab.Agents(extensions);
            _lab.Phones(extensions, ringMs: 500);
            _lab.Run(s => s.Tcp = true);
            _lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));

            var restarted = DateTime.UtcNow;
            _lab.Kamailio.Restart();
            _lab.Register(extensions);
            _lab.Target.WaitUntil(() => extensions.All(e => _lab.Target.Health.Any(h => h.Item == "Default/" + e && !h.Healthy && h.ErrorId == SipErrorIds.ServerUnreachable)),
                TimeSpan.FromSeconds(20), "the lost connection reported per extension");
            _lab.Target.WaitUntil(() => extensions.All(e => _lab.Target.Health.Any(h => h.Item == "Default/" + e && h.Healthy && h.TimeUtc > restarted)),
                TimeSpan.FromSeconds(30), "both extensions subscribed again");

            Assert.Equal(0, _lab.Calls(new[] { ("102", "101") }, talkMs: 800).Wait(TimeSpan.FromSeconds(30)));
            _lab.Target.WaitUntil(() => _lab.Target.EventsFor("A101").Any(e => e.State == "Ringing") && _lab.Target.EventsFor("A101").Last().State == "Idle",
                TimeSpan.FromSeconds(15), "the call after the restart");
        }
    }
}
