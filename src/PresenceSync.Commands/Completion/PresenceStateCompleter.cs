using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Commands.Completion
{
    /// <summary>
    /// Completes Set-PresenceTeamsPresence's -Availability and -Activity with only what that
    /// command accepts: the pairs Graph can set as the app's session, or as preferred presence when
    /// -Preferred is given; -Activity offers the activities that go with the -Availability typed.
    /// (Rule rows take 'Availability/Activity' text: TeamsTargetCompleter offers that.)
    /// </summary>
    public sealed class PresenceStateCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var preferred = fakeBoundParameters != null && fakeBoundParameters.Contains("Preferred")
                && LanguagePrimitives.IsTrue(fakeBoundParameters["Preferred"]);
            var pairs = preferred ? PresenceVocabulary.PreferredPairs : PresenceVocabulary.SessionPairs;
            IEnumerable<string> values;
            if (string.Equals(parameterName, "Activity", StringComparison.OrdinalIgnoreCase))
            {
                var availability = fakeBoundParameters?["Availability"] as string;
                values = pairs.Where(p => availability == null || string.Equals(p.Availability, availability, StringComparison.OrdinalIgnoreCase))
                    .Select(p => p.Activity);
            }
            else
            {
                values = pairs.Select(p => p.Availability);
            }
            return values.Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }
}
