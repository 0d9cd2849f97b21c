using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Routing;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    /// <summary>Routing decisions and the live read model, without Graph: the order of the decision, freshness and flips.</summary>
    public class RoutingTests
    {
        private static readonly DateTime Now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        private static PresenceRoutingPolicy Policy(TimeSpan? maxAge = null, string whenStale = RoutingDecisions.KeepLast) =>
            new PresenceRoutingPolicy("Default", "Nimbus", null,
                RoutingPolicyValidator.Rows(new[] { "Busy/InACall => DoNotRoute", "Available => Route", "Busy => Route when Ready" }.Select(RoutingRowParser.Parse).ToList(), "Row"),
                RoutingDecisions.DoNotRoute, new[] { "Inbound", "Wrap*" }, maxAge, whenStale, RoutingPolicyValidator.ConservativeFallback, Now, Now);

        private static PresenceRoutingDecision Decide(PresenceRoutingPolicy policy, string teams, string? acd = "Ready", TimeSpan? age = null, bool failing = false) =>
            RoutingEvaluator.Decide("Default", "Hotline", "A1", policy, null, new RoutingFacts
            {
                Teams = PresenceState.TryParse(teams), TeamsSeenUtc = Now - (age ?? TimeSpan.Zero), AcdState = acd, ReadsFailing = failing,
            }, Now);

        [Theory]
        [InlineData("Available/Available", "Ready", true, "Available/* => Route")]
        [InlineData("Busy/InACall", "Ready", false, "Busy/InACall => DoNotRoute")]
        [InlineData("Busy/Busy", "Ready", true, "Busy/* => Route when Ready")]
        [InlineData("Busy/Busy", "Break", false, "Default")]
        [InlineData("Available/Available", "Inbound", false, "AcdContact")]
        [InlineData("Available/Available", "WrapUp", false, "AcdContact")]
        [InlineData("Away/Away", "Ready", false, "Default")]
        public void Rows_decide_in_order_after_the_ACD_contact_check(string teams, string acd, bool routable, string decidedBy)
        {
            var d = Decide(Policy(), teams, acd);
            Assert.Equal(routable, d.Routable);
            Assert.Equal(decidedBy, d.DecidedBy);
            Assert.False(d.Stale);
        }

        [Fact]
        public void A_Teams_state_older_than_the_limit_is_stale_and_handled_as_the_policy_says()
        {
            var limit = TimeSpan.FromMinutes(2);
            Assert.False(Decide(Policy(limit), "Busy/Busy", age: TimeSpan.FromMinutes(1)).Stale);
            var kept = Decide(Policy(limit), "Busy/Busy", age: TimeSpan.FromMinutes(3));
            Assert.True(kept.Stale && kept.Routable);
            Assert.Equal("KeepLast", kept.StaleHandling);
            var fallback = Decide(Policy(limit, RoutingDecisions.Fallback), "Busy/Busy", age: TimeSpan.FromMinutes(3));
            Assert.True(fallback.Stale);
            Assert.False(fallback.Routable);
            Assert.Equal("Fallback", fallback.StaleHandling);
            Assert.True(Decide(Policy(limit, RoutingDecisions.Fallback), "Available/Available", age: TimeSpan.FromMinutes(3)).Routable);
            Assert.False(Decide(Policy(null, RoutingDecisions.DoNotRoute), "Available/Available", failing: true).Routable);
            Assert.Equal(TimeSpan.FromMinutes(3), kept.TeamsAge);
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void The_live_model_announces_only_flips_after_the_first_complete_read_and_ages_decisions_on_its_own(string backend)
        {
            var f = new EngineFixture(backend);
            f.Agent("A1", "a1@contoso.test");
            f.Agent("A2", "a2@contoso.test");
            new RoutingPolicyService(f.Context).New(null, new RoutingPolicyChange
            {
                Name = "Nimbus", Rows = new[] { "Busy/InACall => DoNotRoute", "Available => Route", "Busy => Route" }.Select(RoutingRowParser.Parse).ToList(),
                AcdContactStates = new[] { "Inbound" }, MaxTeamsAge = TimeSpan.FromSeconds(30), WhenStale = "Fallback",
            });
            new RoutingServiceCatalog(f.Context).New(null, "Hotline", "Nimbus", null);
            new RoutingAssignmentService(f.Context).Add(null, "Hotline", RoutingScopes.Agent, "A1", null, 100, false);
            new RoutingAssignmentService(f.Context).Add(null, "Hotline", RoutingScopes.Agent, "A2", null, 100, false);

            var board = new RoutingBoard();
            var feed = new RoutingFlipFeed(f.Context);
            var flips = new List<PresenceRoutingChange>();
            feed.Add("test", (c, ct) => { lock (flips) flips.Add(c); return Task.FromResult("OK"); });
            using var stop = new CancellationTokenSource();
            var running = feed.RunAsync(stop.Token);
            var routing = new UnitRouting("Default", board, feed);
            routing.Reload(f.Store, new[] { ("A1", true, (PresenceState?)null, (DateTime?)null, (string?)null, (DateTime?)null),
                ("A2", true, (PresenceState?)null, (DateTime?)null, (string?)null, (DateTime?)null) }, Now);
            Assert.Equal("NoTeamsPresence", board.Decision("Default", "Hotline", "A1")!.DecidedBy);

            routing.Teams("A1", new PresenceState("Available", "Available"), Now, Now);
            routing.Teams("A2", new PresenceState("Busy", "Busy"), Now, Now);
            routing.Reconciled(Now, Now);
            Assert.True(board.Decision("Default", "Hotline", "A1")!.Routable);
            Assert.Contains("\"count\":2", board.RoutableJson("Default", "Hotline"));

            routing.Teams("A1", new PresenceState("Busy", "InACall"), Now.AddSeconds(5), Now.AddSeconds(5));
            routing.Acd("A2", "Inbound", Now.AddSeconds(6), Now.AddSeconds(6));
            routing.Acd("A2", null, Now.AddSeconds(7), Now.AddSeconds(7));
            routing.Tick(Now.AddSeconds(60)); // A2's Busy is 60 s old now: the fallback holds it back
            var aged = board.Decision("Default", "Hotline", "A2")!;
            Assert.True(aged.Stale);
            Assert.False(aged.Routable);

            Poll(() => flips.Count >= 4);
            Assert.Equal(new[] { "A1:False", "A2:False", "A2:True", "A2:False" }, flips.Select(c => $"{c.AgentId}:{c.Routable}"));
            Assert.Equal(Enumerable.Range(1, flips.Count).Select(i => (long)i), flips.Select(c => c.Sequence));
            stop.Cancel();
            running.Wait();
        }

        private static void Poll(Func<bool> done)
        {
            var until = DateTime.UtcNow.AddSeconds(5);
            while (!done() && DateTime.UtcNow < until) Thread.Sleep(10);
        }
    }
}
