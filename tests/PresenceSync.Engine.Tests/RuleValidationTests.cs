using System.Linq;
using PresenceSync.Engine.Model;
using PresenceSync.Engine.Presence;
using PresenceSync.Engine.Rules;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class RuleValidationTests
    {
        private static string? Cycle(params string[] rows) =>
            OscillationDetector.FindCycle(rows.Select((r, i) => RuleValidator.Validate(new[] { RuleRowParser.Parse(r) })[0]).ToList());

        private static PresenceSyncException Refused(params string[] rows) =>
            Assert.Throws<PresenceSyncException>(() => RuleValidator.Validate(rows.Select(RuleRowParser.Parse).ToList()));

        [Theory]
        [InlineData("Inbound => Busy/InACall", RuleDirection.ToTeams, "Inbound", "Busy/InACall")]
        [InlineData("  LoggedOut=>clear ", RuleDirection.ToTeams, "LoggedOut", "clear")]
        [InlineData("Busy/InAMeeting => Meeting when Available, Idle", RuleDirection.ToAcd, "Meeting", "Busy/InAMeeting")]
        [InlineData("Available <=> Available/Available", RuleDirection.Both, "Available", "Available/Available")]
        [InlineData("Break => Preferred:BeRightBack/BeRightBack", RuleDirection.ToTeams, "Break", "Preferred:BeRightBack/BeRightBack")]
        public void The_text_form_is_read_with_its_direction(string text, RuleDirection direction, string acd, string teams)
        {
            var row = RuleRowParser.Parse(text);
            Assert.Equal(direction, row.Direction);
            Assert.Equal(acd, row.AcdState);
            Assert.Equal(teams, row.Teams);
        }

        [Fact]
        public void Targets_go_to_the_session_when_setPresence_takes_them_and_to_the_preferred_layer_otherwise()
        {
            var rows = RuleValidator.Validate(new[] { "A => busy/inacall", "B => DoNotDisturb/DoNotDisturb", "C => Away/Away", "D => Session:Away/Away", "E => Clear" }
                .Select(RuleRowParser.Parse).ToList());
            Assert.Equal(new[] { TeamsTargetKind.Session, TeamsTargetKind.Preferred, TeamsTargetKind.Session, TeamsTargetKind.Session, TeamsTargetKind.ClearSession },
                rows.Select(r => r.Target!.KindValue));
            Assert.Equal("Busy/InACall", rows[0].Target!.State!.ToString()); // documented spelling kept
        }

        [Theory]
        [InlineData("A => Busy/InAMeeting", ErrorIds.UnsettableTeamsTarget)]
        [InlineData("A => Offline/Offline", ErrorIds.UnsettableTeamsTarget)]
        [InlineData("A => Session:Busy/Busy", ErrorIds.UnsettableTeamsTarget)]
        [InlineData("A => Available/Focusing", ErrorIds.UnsettableTeamsTarget)]
        [InlineData("A => Avail/Available", ErrorIds.UnknownTeamsState)]
        [InlineData("Busy/InAMeting => M", ErrorIds.UnknownTeamsState)]
        [InlineData("A* => Busy/InACall", ErrorIds.InvalidRuleRow)]
        [InlineData("A => Busy/InACall when B", ErrorIds.InvalidRuleRow)]
        public void Unknown_and_unsettable_states_are_refused(string row, string errorId) =>
            Assert.Equal(errorId, Refused(row).Error.ErrorId);

        [Fact]
        public void Wildcards_are_allowed_only_on_the_teams_side_of_rows_towards_the_acd()
        {
            var row = RuleValidator.Validate(new[] { RuleRowParser.Parse("Busy/In* => OnCall") })[0];
            Assert.True(row.MatchesTeams(new PresenceState("busy", "InAConferenceCall")));
            Assert.False(row.MatchesTeams(new PresenceState("Busy", "Busy")));
            var any = RuleValidator.Validate(new[] { new RuleRowDefinition { Direction = RuleDirection.ToAcd, AcdState = "Break", Teams = "Away" } })[0];
            Assert.Equal("Away/*", any.Teams);
        }

        [Fact]
        public void A_two_step_cycle_is_named_and_a_guard_breaks_it()
        {
            Assert.Equal("ACD 'Ready' => Teams Available/Available => ACD 'Idle' => Teams Away/Away => ACD 'Ready'",
                Cycle("Ready => Available/Available", "Available/Available => Idle", "Idle => Away/Away", "Away/Away => Ready"));
            Assert.Null(Cycle("Ready => Available/Available", "Available/Available => Idle when Away", "Idle => Away/Away", "Away/Away => Ready"));
        }

        [Fact]
        public void Rows_that_settle_in_one_state_or_clear_the_session_are_not_cycles()
        {
            Assert.Null(Cycle("Available <=> Available/Available", "Inbound => Busy/InACall", "Busy/InACall => Inbound"));
            Assert.Null(Cycle("LoggedOut => Clear", "Offline/* => LoggedOut", "Available/* => Ready"));
            Assert.Null(Cycle("Ready => Available/Available", "Available/Available => Idle", "Idle => Clear"));
        }

        [Fact]
        public void The_first_matching_row_decides_as_it_will_at_run_time()
        {
            // Row 2 catches Busy/InACall before row 3 could send it back to 'Ready'.
            Assert.Null(Cycle("Ready => Busy/InACall", "Busy/InACall => Ready", "Busy/* => Other", "Other => Away/Away"));
            Assert.NotNull(Cycle("Ready => Busy/InACall", "Busy/* => Other", "Other => Away/Away", "Away/* => Ready"));
        }

        [Fact]
        public void Conflicting_rows_are_refused()
        {
            Assert.Equal(ErrorIds.ConflictingRuleRows, Refused("A => Busy/InACall", "a => Away/Away").Error.ErrorId);
            Assert.Equal(ErrorIds.ConflictingRuleRows, Refused("Busy/InAMeeting => M", "Busy/InAMeeting => N").Error.ErrorId);
            RuleValidator.Validate(new[] { "Busy/InAMeeting => M when A", "Busy/InAMeeting => N when B" }.Select(RuleRowParser.Parse).ToList());
        }

        [Fact]
        public void A_rule_needs_rows_and_a_bounded_override()
        {
            Assert.Equal(ErrorIds.RuleHasNoRows, Assert.Throws<PresenceSyncException>(() => RuleValidator.Validate(new RuleRowDefinition[0])).Error.ErrorId);
            Assert.Throws<PresenceSyncException>(() => RuleValidator.ValidateOverride(System.TimeSpan.FromMinutes(1)));
            Assert.Throws<PresenceSyncException>(() => RuleValidator.ValidateOverride(System.TimeSpan.FromDays(2)));
            RuleValidator.ValidateOverride(System.TimeSpan.FromHours(4));
        }
    }
}
