using System;
using System.Linq;
using PresenceSync.Engine.Sip;
using PresenceSync.Engine.Tests.Sip.Infrastructure;
using Xunit;

namespace PresenceSync.Engine.Tests.Sip
{
    /// <summary>Digest authentication of SUBSCRIBE against Kamailio (RFC 3261 section 22, RFC 8760).</summary>
    [Collection("Loopback ports")]
    public class SipAuthTests
    {
        [Theory]
        [InlineData("MD5")]
        [InlineData("SHA-256")]
        public void Subscriptions_authenticate_with_the_servers_digest_algorithm_and_refreshes_reuse_it(string algorithm)
        {
            using var lab = SipLab.Start(c => c.AuthAlgorithm = algorithm);
            var extensions = new[] { "101", "102" };
            lab.Agents(extensions);
            lab.Phones(extensions, ringMs: 500);
            lab.Run(s => s.Expires = 6);
            lab.WaitSubscribed(extensions, TimeSpan.FromSeconds(20));
            var authorized = lab.Kamailio.Log.Split('\n').Where(l => l.Contains("AUTHORIZED Digest")).ToList();
            Assert.NotEmpty(authorized);
            Assert.All(authorized, l => Assert.Contains("algorithm=" + algorithm, l));
            Assert.All(authorized, l => Assert.Contains("qop=auth", l));

            Assert.Equal(0, lab.Calls(new[] { ("101", "102") }, talkMs: 800).Wait(TimeSpan.FromSeconds(30)));
            lab.Target.WaitUntil(() => lab.Target.EventsFor("A102").Any(e => e.State == "OnCall") && lab.Target.EventsFor("A102").Last().State == "Idle",
                TimeSpan.FromSeconds(15), "the authenticated subscription's events");
            // Several refreshes went by (Expires 6 s); none failed, and they reused the cached challenge (RFC 3261 section 22.3)
            // instead of being challenged each time: at most one challenge per extension, plus one for a nonce gone stale.
            lab.Target.WaitUntil(() => lab.Kamailio.Log.Split('\n').Count(l => l.Contains("AUTHORIZED Digest")) >= 6, TimeSpan.FromSeconds(20), "two refreshes of each");
            Assert.DoesNotContain(lab.Target.Health, h => !h.Healthy);
            var log = lab.Kamailio.Log;
            Assert.True(log.Split('\n').Count(l => l.Contains("CHALLENGE")) <= 4, log);
        }

        [Fact]
        public void A_wrong_password_is_reported_per_extension_and_nothing_else_happens()
        {
            using var lab = SipLab.Start(c => c.AuthAlgorithm = "MD5");
            lab.Agents(new[] { "101" });
            lab.Run(s => s.Password = () => "not-the-password");
            lab.Target.WaitUntil(() => lab.Target.Health.Any(h => h.Item == "Default/101" && h.ErrorId == SipErrorIds.AuthenticationFailed),
                TimeSpan.FromSeconds(20), "the refused credentials");
            var record = lab.Target.Health.First(h => h.ErrorId == SipErrorIds.AuthenticationFailed);
            Assert.False(record.Healthy);
            Assert.DoesNotContain("not-the-password", string.Join("\n", lab.Target.Health.Select(h => h.Detail)));
            Assert.Empty(lab.Target.Events);
        }
    }
}
