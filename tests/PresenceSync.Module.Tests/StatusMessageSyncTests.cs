using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PresenceSync.Module.Tests.Hosting;
using Xunit;

namespace PresenceSync.Module.Tests
{
    /// <summary>
    /// Status messages in rows towards Teams (issue 10 item 4), through the engine and the emulator:
    /// set with the placeholders filled, cleared when the state ends (also by a later -Once pass,
    /// which never saw it being set), a message the user typed left alone, and bad messages refused
    /// when the rule is written.
    /// </summary>
    [Collection("Loopback ports")]
    public class StatusMessageSyncTests : ModuleTestBase, IClassFixture<SyncFixture>
    {
        private const string Rule = "New-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall message \"{State} call ({Reason}) since {Time}\" expires 30m', " +
            "'Wrapup => Busy/InACall message \"After-call work\"', 'Conference => Busy/InAConferenceCall', 'Available => Clear'";
        private readonly SyncFixture _tenant;
        private readonly int _block;

        public StatusMessageSyncTests(SyncFixture tenant)
        {
            _tenant = tenant;
            _block = tenant.TakeBlock(4);
            Run(SyncFixture.Setup(_block, 4, Rule)).ThrowOnError();
        }

        private ScriptResult Run(string script) => Ps.Run(script, _tenant.Variables);

        private async Task<(string Shown, string? Message)> Teams(int agent)
        {
            var p = await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, agent)}/presence");
            return ($"{p["availability"]}/{p["activity"]}", (string?)p["statusMessage"]?["content"]);
        }

        [Fact]
        public async Task A_rows_message_is_set_with_its_placeholders_filled_and_cleared_by_a_later_pass_when_the_state_ends()
        {
            var before = DateTime.UtcNow;
            Run("Set-PresenceAgentState -AgentId S1 -State Inbound -Reason Sales").ThrowOnError();
            var after = DateTime.UtcNow;
            Run("Start-PresenceSync -Once").ThrowOnError();
            var (shown, message) = await Teams(1);
            Assert.Equal("Busy/InACall", shown);
            var expiry = DateTimeOffset.Parse((string)(await _tenant.Control(HttpMethod.Get, $"/users/{SyncFixture.Upn(_block, 1)}/presence"))["statusMessage"]!["expiryDateTime"]!);
            Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(31)); // 'expires 30m'
            // {Time} is when the state began, to the minute (UTC).
            Assert.Contains(message, new[] { $"Inbound call (Sales) since {before:HH:mm} UTC", $"Inbound call (Sales) since {after:HH:mm} UTC" });

            var message0 = message;
            // A second pass in the same state writes nothing more: the message shown is the one wanted.
            var writes = Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams").ThrowOnError().Output.Count;
            Run("Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(writes, Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams").ThrowOnError().Output.Count);

            // A later pass (a new run, which did not set it) clears it when the state ends.
            Run("Set-PresenceAgentState -AgentId S1 -State Conference; Start-PresenceSync -Once").ThrowOnError();
            (shown, message) = await Teams(1);
            Assert.Equal("Busy/InAConferenceCall", shown);
            Assert.Null(message);

            var history = Run("Get-PresenceSyncHistory -AgentId S1 -Direction ToTeams | Where-Object Operation -eq 'setStatusMessage'").ThrowOnError().Output;
            Assert.Equal(2, history.Count);
            Assert.Equal("message: " + message0, history[0].Properties["After"].Value);
            Assert.Equal("(cleared)", history[1].Properties["After"].Value);
            Assert.All(history, h => Assert.Equal("OK", h.Properties["Result"].Value));
        }

        [Fact]
        public async Task A_running_sync_sets_the_message_and_clears_it_when_the_state_ends_and_leaves_a_message_the_user_typed()
        {
            using (var sync = await BackgroundSync.StartAsync(Ps, _tenant.Variables, "-PollInterval 00:00:01"))
            {
                Run("Set-PresenceAgentState -AgentId S2 -State Wrapup").ThrowOnError();
                await Poll.Until(async () => (await Teams(2)).Message == "After-call work", TimeSpan.FromSeconds(20), "the wrap-up message to show");
                Run("Set-PresenceAgentState -AgentId S2 -State Available").ThrowOnError();
                await Poll.Until(async () => (await Teams(2)).Message == null, TimeSpan.FromSeconds(20), "the message to be cleared when wrap-up ends");
                Assert.Empty(sync.Errors);
            }

            // A message that is none of the rule's is the user's own: a state without a message leaves it.
            Run("Set-PresenceTeamsPresence -AgentId S3 -StatusMessage 'Back at 3' -Confirm:$false").ThrowOnError();
            Run("Set-PresenceAgentState -AgentId S3 -State Conference; Start-PresenceSync -Once").ThrowOnError();
            Assert.Equal(("Busy/InAConferenceCall", "Back at 3"), await Teams(3));
        }

        [Theory]
        [InlineData("'Inbound => Busy/InACall message \"{Mood}\"'", "InvalidStatusMessage")]
        [InlineData("'Inbound => Busy/InACall message \"\"'", "InvalidStatusMessage")]
        [InlineData("'Inbound => Busy/InACall message \"a {b\"'", "InvalidStatusMessage")]
        [InlineData("'Inbound => Busy/InACall message \"x\" expires 10s'", "InvalidStatusMessage")]
        [InlineData("'Inbound => Busy/InACall message \"x\" expires 8d'", "InvalidRuleRow")]
        [InlineData("'LoggedOut => Clear message \"Gone\"'", "InvalidRuleRow")]
        [InlineData("'Busy/InAMeeting => Meeting message \"x\"'", "InvalidRuleRow")]
        [InlineData("'Inbound => Busy/InACall message unquoted'", "InvalidRuleRow")]
        [InlineData("@{ AcdState = 'Inbound'; Teams = 'Busy/InACall'; StatusMessage = \"a`nb\" }", "InvalidStatusMessage")]
        public void A_bad_status_message_is_refused_when_the_rule_is_written(string row, string errorId)
        {
            var result = Run($"New-PresenceRule -Name Bad -Row {row}");
            Assert.Equal(new[] { errorId }, result.ErrorIds);
            Assert.Equal("InvalidArgument", result.Errors[0].CategoryInfo.Category.ToString());
            Assert.Empty(Run("Get-PresenceRule Bad -ErrorAction SilentlyContinue").Output);
        }

        [Fact]
        public void A_message_longer_than_Teams_shows_is_refused_and_one_of_280_characters_is_stored_and_read_back()
        {
            var result = Run($"Set-PresenceRule -Name Sync -Row 'Inbound => Busy/InACall message \"{new string('x', 281)}\"'");
            Assert.Equal(new[] { "InvalidStatusMessage" }, result.ErrorIds);
            Assert.Contains("281 characters", result.Errors[0].ToString());
            Assert.Contains("message \"{State} call", Run("(Get-PresenceRule Sync).Rows[0].ToString()").ThrowOnError().Output[0].ToString());

            Run($"New-PresenceRule -Name Long -Row @{{ AcdState = 'Inbound'; Teams = 'Busy/InACall'; StatusMessage = '{new string('y', 280)}'; StatusMessageExpiry = '2h' }}").ThrowOnError();
            Assert.Equal($"Inbound => Busy/InACall message \"{new string('y', 280)}\" expires 2h", Run("(Get-PresenceRule Long).Rows[0].ToString()").ThrowOnError().Output[0].ToString());
            Run("New-PresenceRule -Name Copy -Row (Get-PresenceRule Long).Rows").ThrowOnError();
            Assert.Equal(280, ((string)Run("(Get-PresenceRule Copy).Rows[0].StatusMessage").ThrowOnError().Output[0].BaseObject).Length);
        }
    }
}
