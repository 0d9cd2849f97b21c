using System.Linq;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// The clauses of rows towards Teams (issue 10 items 4 and 5) as they are written: a minimum
    /// duration ("after 5s") and a status message, stored, shown back and refused when out of bounds.
    /// </summary>
    public class RuleRowTimingTests : ModuleTestBase
    {
        [Fact]
        public void A_minimum_duration_is_stored_and_shown_back_in_the_text_form_from_text_and_hashtables()
        {
            Ps.Run("New-PresenceRule -Name Short -Row 'Inbound => Busy/InACall after 5s', 'Conference => Busy/InAConferenceCall after 2m', " +
                   "@{ AcdState = 'Outbound'; Teams = 'Busy/InACall'; MinimumDuration = '00:00:10' }, 'LoggedOut => Clear after 30 seconds', 'Available => Clear'").ThrowOnError();
            var rows = Ps.Run("(Get-PresenceRule Short).Rows | ForEach-Object { $_.ToString() }").ThrowOnError().Output.Select(o => o.ToString()).ToArray();
            Assert.Equal(new[]
            {
                "Inbound => Busy/InACall after 5s",
                "Conference => Busy/InAConferenceCall after 2m",
                "Outbound => Busy/InACall after 10s",
                "LoggedOut => Clear after 30s",
                "Available => Clear",
            }, rows);
            Assert.Equal(5.0, Ps.Run("(Get-PresenceRule Short).Rows[0].MinimumDuration.TotalSeconds").ThrowOnError().Output[0].BaseObject);

            // The rows of a rule read back make the same rule (copying a rule keeps its durations).
            Ps.Run("New-PresenceRule -Name Copy -Row (Get-PresenceRule Short).Rows").ThrowOnError();
            Assert.Equal(rows, Ps.Run("(Get-PresenceRule Copy).Rows | ForEach-Object { $_.ToString() }").ThrowOnError().Output.Select(o => o.ToString()).ToArray());
        }

        [Theory]
        [InlineData("'Inbound => Busy/InACall after 0s'")]
        [InlineData("'Inbound => Busy/InACall after 6m'")]
        [InlineData("'Inbound => Busy/InACall after soon'")]
        [InlineData("'Busy/InAMeeting => Meeting after 5s'")]
        [InlineData("@{ AcdState = 'Inbound'; Teams = 'Busy/InACall'; MinimumDuration = 'later' }")]
        public void A_minimum_duration_out_of_bounds_or_on_a_row_towards_the_ACD_is_refused_when_written(string row)
        {
            var result = Ps.Run($"New-PresenceRule -Name Bad -Row {row}");
            Assert.Equal(new[] { "InvalidRuleRow" }, result.ErrorIds);
            Assert.Equal("InvalidArgument", result.Errors[0].CategoryInfo.Category.ToString());
            Assert.Empty(Ps.Run("Get-PresenceRule").ThrowOnError().Output);
        }
    }
}
