using System;
using System.Linq;
using PresenceSync.Engine.Mapping;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Rules;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class MappingAndAssignmentTests
    {
        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Auto_map_asks_once_per_mapping_and_stores_nothing_when_declined(string backend)
        {
            var f = new EngineFixture(backend);
            f.Agent("A1", "a@x.test");
            f.Agent("A2", "b@x.test");
            f.User("a@x.test");
            f.User("other@x.test", "b@x.test");
            f.Host.Approve = false;
            f.Host.ShouldProcessCalls.Clear();

            var made = new AutoMapper(f.Context).Run(null);

            Assert.Empty(made);
            Assert.Equal(2, f.Host.ShouldProcessCalls.Count);
            Assert.Contains(f.Host.ShouldProcessCalls, c => c.Contains("matched on Mail"));
            Assert.Equal(0, f.Count("user_mapping"));
        }

        [SkippableTheory]
        [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
        public void Only_smtp_proxies_count_and_disabled_accounts_are_not_mapped(string backend)
        {
            var f = new EngineFixture(backend);
            f.Agent("A1", "sip-only@x.test");
            f.Agent("A2", "alias@x.test");
            f.User("one@x.test", null, "sip:sip-only@x.test");
            f.User("two@x.test", null, "smtp:alias@x.test");

            var made = new AutoMapper(f.Context).Run(null);
            Assert.Equal(new[] { "A2" }, made.Select(m => m.AgentId));
            Assert.Equal(MatchKind.ProxyAddress, made[0].MatchedOnValue);
        }

        [Fact]
        public void Effective_rule_follows_agent_then_team_priority_then_default()
        {
            var agent = new PresenceAgent("Default", "A1", null, null, null, new[] { "Sales", "Vip" }, DateTime.UtcNow, DateTime.UtcNow);
            PresenceRuleAssignment A(string rule, AssignmentScope scope, string? subject, int priority = 100) =>
                new PresenceRuleAssignment("Default", rule, scope, subject, priority, DateTime.UtcNow);

            Assert.Null(EffectiveRuleResolver.Resolve(agent, new PresenceRuleAssignment[0]).Rule);
            Assert.Equal("D", EffectiveRuleResolver.Resolve(agent, new[] { A("D", AssignmentScope.Default, null) }).Rule);
            Assert.Equal("S", EffectiveRuleResolver.Resolve(agent, new[] { A("D", AssignmentScope.Default, null), A("S", AssignmentScope.Team, "sales") }).Rule);
            Assert.Null(EffectiveRuleResolver.Resolve(agent, new[] { A("S", AssignmentScope.Team, "Sales"), A("V", AssignmentScope.Team, "Vip") }).Rule);
            Assert.Equal("V", EffectiveRuleResolver.Resolve(agent, new[] { A("S", AssignmentScope.Team, "Sales"), A("V", AssignmentScope.Team, "Vip", 5) }).Rule);
            Assert.Equal("S", EffectiveRuleResolver.Resolve(agent, new[] { A("S", AssignmentScope.Team, "Sales"), A("S", AssignmentScope.Team, "Vip") }).Rule);
            Assert.Equal("Own", EffectiveRuleResolver.Resolve(agent, new[] { A("V", AssignmentScope.Team, "Vip", 0), A("Own", AssignmentScope.Agent, "a1") }).Rule);
        }
    }
}
