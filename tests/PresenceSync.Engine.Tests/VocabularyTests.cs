using PresenceSync.Engine.Presence;
using Xunit;

namespace PresenceSync.Engine.Tests
{
    public class VocabularyTests
    {
        [Fact]
        public void SetPresence_accepts_exactly_the_five_documented_pairs()
        {
            Assert.Equal(new[] { "Available/Available", "Busy/InACall", "Busy/InAConferenceCall", "Away/Away", "DoNotDisturb/Presenting" },
                System.Linq.Enumerable.Select(PresenceVocabulary.SessionPairs, p => p.ToString()));
        }

        [Fact]
        public void SetUserPreferredPresence_accepts_exactly_the_six_documented_pairs()
        {
            Assert.Equal(new[] { "Available/Available", "Busy/Busy", "DoNotDisturb/DoNotDisturb", "BeRightBack/BeRightBack", "Away/Away", "Offline/OffWork" },
                System.Linq.Enumerable.Select(PresenceVocabulary.PreferredPairs, p => p.ToString()));
        }

        [Fact]
        public void Values_compare_without_case_and_unknown_values_are_kept_not_rejected()
        {
            Assert.Equal(new PresenceState("busy", "INACALL"), new PresenceState("Busy", "InACall"));
            Assert.True(PresenceVocabulary.IsSessionPair(new PresenceState("dONOTDISTURB", "presenting")));
            var future = PresenceState.TryParse("Available/SomethingNew");
            Assert.Equal("SomethingNew", future!.Activity);
            Assert.Null(PresenceState.TryParse("Busy"));
        }

        [Theory]
        [InlineData("In*", "InACall", true)]
        [InlineData("in?Call", "InACall", true)]
        [InlineData("A10[34]", "A104", true)]
        [InlineData("A10[34]", "A105", false)]
        [InlineData("A10[0-2]", "A101", true)]
        [InlineData("Busy", "busy", true)]
        [InlineData("a.b", "axb", false)]
        public void Wildcards_behave_like_PowerShell(string pattern, string value, bool match) =>
            Assert.Equal(match, new WildcardPattern(pattern).IsMatch(value));
    }
}
