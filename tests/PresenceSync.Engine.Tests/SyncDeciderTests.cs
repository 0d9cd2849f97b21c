using System;
using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Rules;
using PresenceSync.Engine.Sync;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class SyncDeciderTests
    {
        private static readonly Guid User = Guid.NewGuid();
        private static readonly DateTime Now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        private static readonly SyncTimings Timings = new SyncTimings();

        private static PresenceRule Rule(ManualStatusPolicy policy = ManualStatusPolicy.Respect, params string[] rows) =>
            new PresenceRule("Default", "R", null, RuleValidator.Validate(rows.Select(RuleRowParser.Parse).ToList()), policy,
                TimeSpan.FromMinutes(30), InternalCallPolicy.Ignore, Now, Now);

        private static readonly PresenceRule Standard = Rule(ManualStatusPolicy.Respect,
            "Inbound => Busy/InACall", "LoggedOut => Clear", "Available => Clear", "Busy/InAMeeting => Meeting when Available,Idle");

        private static TeamsPresence Teams(string state, string seq) =>
            new TeamsPresence("Default", null, User, null, state.Split('/')[0], state.Split('/')[1], null, false, seq, Now);

        private static AgentSyncState Agent(string? ruleState) => new AgentSyncState { AgentId = "A1", RuleState = ruleState, AcdState = ruleState, AcdEventId = 1, TeamsUserId = User };

        [Fact]
        public void An_inbound_call_sets_the_app_session_and_a_second_pass_writes_nothing()
        {
            var s = Agent("Inbound");
            var first = SyncDecider.Decide(Standard, s, Teams("Available/Available", "1"), User, Now, Timings);
            var set = Assert.Single(first);
            Assert.Equal(SyncActionKind.SetSession, set.Kind);
            Assert.Equal("Busy/InACall", set.State!.ToString());

            s.SessionState = set.State; s.SessionWrittenUtc = Now; s.SessionExpiresUtc = Now + Timings.SessionLifetime;
            Assert.Empty(SyncDecider.Decide(Standard, s, Teams("Busy/InACall", "2"), User, Now.AddSeconds(5), Timings));
        }

        [Fact]
        public void Nothing_is_written_that_Teams_already_shows()
        {
            Assert.Empty(SyncDecider.Decide(Standard, Agent("Inbound"), Teams("Busy/InACall", "1"), User, Now, Timings));
        }

        [Fact]
        public void The_end_of_the_call_clears_the_session_instead_of_holding_Available()
        {
            var s = Agent("Available");
            s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now.AddMinutes(-1); s.SessionExpiresUtc = Now.AddMinutes(59);
            var clear = Assert.Single(SyncDecider.Decide(Standard, s, null, User, Now, Timings));
            Assert.Equal(SyncActionKind.ClearSession, clear.Kind);
        }

        [Fact]
        public void Busy_sessions_are_refreshed_before_they_expire()
        {
            var s = Agent("Inbound");
            s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now.AddMinutes(-55); s.SessionExpiresUtc = Now.AddMinutes(5);
            var refresh = Assert.Single(SyncDecider.Decide(Standard, s, null, User, Now, Timings));
            Assert.Equal(SyncActionKind.SetSession, refresh.Kind);
            Assert.StartsWith("refresh", refresh.Reason);
        }

        [Fact]
        public void A_held_session_is_said_again_after_the_reassert_interval_to_repair_drift()
        {
            var s = Agent("Inbound");
            s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now.AddMinutes(-19); s.SessionExpiresUtc = Now.AddMinutes(41);
            Assert.Empty(SyncDecider.Decide(Standard, s, null, User, Now, Timings));
            s.SessionWrittenUtc = Now.AddMinutes(-21); s.SessionExpiresUtc = Now.AddMinutes(39);
            Assert.Equal(SyncActionKind.SetSession, Assert.Single(SyncDecider.Decide(Standard, s, null, User, Now, Timings)).Kind);
        }

        [Fact]
        public void A_Teams_meeting_moves_the_ACD_only_while_the_guard_allows()
        {
            var idle = Agent("Available");
            var change = Assert.Single(SyncDecider.Decide(Standard, idle, Teams("Busy/InAMeeting", "1"), User, Now, Timings));
            Assert.Equal(SyncActionKind.AcdChange, change.Kind);
            Assert.Equal("Meeting", change.ToAcdState);
            Assert.True(idle.AcdByEngine);

            var onCall = Agent("Inbound");
            onCall.SessionState = new PresenceState("Busy", "InACall"); onCall.SessionWrittenUtc = Now.AddMinutes(-1); onCall.SessionExpiresUtc = Now.AddMinutes(59);
            Assert.DoesNotContain(SyncDecider.Decide(Standard, onCall, Teams("Busy/InAMeeting", "1"), User, Now, Timings), a => a.Kind == SyncActionKind.AcdChange);
        }

        [Fact]
        public void An_ACD_state_the_engine_set_is_never_echoed_back_to_Teams()
        {
            var s = Agent("Available");
            SyncDecider.Decide(Standard, s, Teams("Busy/InAMeeting", "1"), User, Now, Timings);
            var rule = Rule(ManualStatusPolicy.Respect, "Meeting => Away/Away", "Busy/InAMeeting => Meeting when Available");
            Assert.Empty(SyncDecider.Decide(rule, s, null, User, Now.AddSeconds(2), Timings));
        }

        [Fact]
        public void A_Teams_change_the_engine_caused_never_goes_back_to_the_ACD()
        {
            var rule = Rule(ManualStatusPolicy.Respect, "Inbound => Busy/InACall", "Busy/InACall => OnTeamsCall when Available");
            var s = Agent("Available");
            s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now.AddMinutes(-1); s.SessionExpiresUtc = Now.AddMinutes(59);
            Assert.DoesNotContain(SyncDecider.Decide(rule, s, Teams("Busy/InACall", "9"), User, Now, Timings), a => a.Kind == SyncActionKind.AcdChange);
        }

        [Fact]
        public void A_manual_status_is_reported_and_respected_or_overridden_for_a_bounded_time()
        {
            AgentSyncState Held()
            {
                var s = Agent("Inbound");
                s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now.AddMinutes(-2); s.SessionExpiresUtc = Now.AddMinutes(58);
                return s;
            }
            var respect = Held();
            var actions = SyncDecider.Decide(Standard, respect, Teams("Away/Away", "5"), User, Now, Timings);
            Assert.Equal(SyncActionKind.ManualHoldStarted, Assert.Single(actions).Kind);
            Assert.True(respect.ManualHold);

            var overriding = Held();
            var rule = Rule(ManualStatusPolicy.Override, "Inbound => Busy/InACall");
            actions = SyncDecider.Decide(rule, overriding, Teams("Away/Away", "5"), User, Now, Timings);
            var set = actions.Single(a => a.Kind == SyncActionKind.SetPreferred);
            Assert.Equal("Busy/Busy", set.State!.ToString());
            Assert.Equal(TimeSpan.FromMinutes(30), set.Expiry);
        }

        [Fact]
        public void A_remapped_agent_has_its_old_session_cleared_first()
        {
            var s = Agent("Inbound");
            var old = Guid.NewGuid();
            s.TeamsUserId = old;
            s.SessionState = new PresenceState("Busy", "InACall"); s.SessionWrittenUtc = Now; s.SessionExpiresUtc = Now.AddHours(1);
            var actions = SyncDecider.Decide(Standard, s, null, User, Now, Timings);
            Assert.Equal(SyncActionKind.ClearSession, actions[0].Kind);
            Assert.Equal(old, actions[0].TeamsUserId);
            Assert.Equal(SyncActionKind.SetSession, actions[1].Kind);
        }

        [Fact]
        public void A_write_announced_before_a_crash_is_settled()
        {
            var s = Agent("LoggedOut");
            s.PendingWrite = "setPresence Busy/InACall";
            Assert.Equal(SyncActionKind.ClearSession, Assert.Single(SyncDecider.Decide(Standard, s, null, User, Now, Timings)).Kind);
        }
    }
}
