using System;
using System.Linq;
using PresenceSync.Engine.Model;

namespace PresenceSync.Engine.Rules
{
    /// <summary>
    /// Reads the one-line row form admins type:
    ///   "Inbound => Busy/InACall"                      ACD state to Teams
    ///   "LoggedOut => Clear"                           ACD state clears the app's session
    ///   "Busy/InAMeeting => Meeting when Available"    Teams to ACD, with a guard
    ///   "Available <=> Available/Available"            both ways
    ///   "Inbound => Busy/InACall after 5s"             written only once the ACD state has lasted 5 seconds
    ///   "Wrapup => Busy/InACall message 'Wrap-up since {Time}' expires 10m"   with a status message
    /// The side that holds a '/' (or is Clear / Preferred:...) is the Teams side.
    /// </summary>
    public static class RuleRowParser
    {
        public static RuleRowDefinition Parse(string text)
        {
            var source = (text ?? string.Empty).Trim();
            var both = source.IndexOf("<=>", StringComparison.Ordinal);
            var arrow = both >= 0 ? both : source.IndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0) throw Invalid(source, "it has no '=>' or '<=>' between the ACD state and the Teams state");

            var left = source.Substring(0, arrow).Trim();
            var right = source.Substring(arrow + (both >= 0 ? 3 : 2)).Trim();
            // The message first: its quoted text may hold the words the other clauses start with.
            string? message = null;
            TimeSpan? messageExpiry = null;
            var said = MessageClause.Match(right);
            if (said.Success)
            {
                message = said.Groups[1].Success ? said.Groups[1].Value : said.Groups[2].Value;
                if (said.Groups[3].Success)
                {
                    if (!RowDuration.TryParse(said.Groups[3].Value, out var expiry))
                        throw Invalid(source, $"'expires {said.Groups[3].Value}' is not a duration; write it as 'expires 30m' or 'expires 2h'");
                    messageExpiry = expiry;
                }
                right = (right.Substring(0, said.Index) + " " + right.Substring(said.Index + said.Length)).Trim();
            }
            else if (IndexOfWord(right, "message") >= 0)
            {
                throw Invalid(source, "a status message is written in quotes: message \"In a call since {Time}\"");
            }

            TimeSpan? minimum = null;
            var after = AfterClause.Match(right);
            if (after.Success)
            {
                if (!RowDuration.TryParse(after.Groups[1].Value, out var parsed))
                    throw Invalid(source, $"'after {after.Groups[1].Value.Trim()}' is not a duration; write it as 'after 5s', 'after 2m' or 'after 1h'");
                minimum = parsed;
                right = (right.Substring(0, after.Index) + " " + right.Substring(after.Index + after.Length)).Trim();
            }
            var guard = Array.Empty<string>();
            var when = IndexOfWord(right, "when");
            if (when >= 0)
            {
                guard = right.Substring(when + 4).Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
                right = right.Substring(0, when).Trim();
            }
            if (left.Length == 0 || right.Length == 0) throw Invalid(source, "one side of the arrow is empty");

            var definition = new RuleRowDefinition { Text = source, MinimumDuration = minimum, StatusMessage = message, StatusMessageExpiry = messageExpiry };
            foreach (var g in guard) definition.OnlyWhenAcdState.Add(g);
            if (both >= 0)
            {
                definition.Direction = RuleDirection.Both;
                definition.AcdState = left;
                definition.Teams = right;
            }
            else if (IsTeamsSide(right))
            {
                definition.Direction = RuleDirection.ToTeams;
                definition.AcdState = left;
                definition.Teams = right;
            }
            else if (IsTeamsSide(left))
            {
                definition.Direction = RuleDirection.ToAcd;
                definition.AcdState = right;
                definition.Teams = left;
            }
            else
            {
                throw Invalid(source, "neither side is a Teams state such as 'Busy/InACall', 'Preferred:Busy/Busy' or 'Clear'");
            }
            return definition;
        }

        // "after" and the duration that follows it, up to the next clause ("when") or the end.
        private static readonly System.Text.RegularExpressions.Regex AfterClause = new System.Text.RegularExpressions.Regex(
            @"(?:^|\s)after\s+((?:(?!\swhen\s).)*?)\s*(?=\swhen\s|$)",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        // message "text" or message 'text', then optionally expires <duration>.
        private static readonly System.Text.RegularExpressions.Regex MessageClause = new System.Text.RegularExpressions.Regex(
            @"(?:^|\s)message\s+(?:""([^""]*)""|'([^']*)')(?:\s+expires\s+(\d+\s*[a-z]*))?(?=\s|$)",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        internal static bool IsTeamsSide(string text) =>
            text.IndexOf('/') >= 0
            || string.Equals(text, "Clear", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Preferred:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Session:", StringComparison.OrdinalIgnoreCase);

        private static int IndexOfWord(string text, string word)
        {
            var padded = " " + text + " ";
            var i = padded.IndexOf(" " + word + " ", StringComparison.OrdinalIgnoreCase);
            return i < 0 ? -1 : i;
        }

        private static PresenceSyncException Invalid(string text, string why) =>
            EngineContext.Fail(ErrorIds.InvalidRuleRow, ErrorKind.InvalidArgument,
                $"The rule row '{text}' cannot be read: {why}.", text,
                "Write rows as 'AcdState => Availability/Activity', 'Availability/Activity => AcdState [when State,...]' or 'AcdState <=> Availability/Activity'.");
    }
}
