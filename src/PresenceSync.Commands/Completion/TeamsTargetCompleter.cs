using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PresenceSync.Engine.Presence;

namespace PresenceSync.Commands.Completion
{
    /// <summary>Offers the Teams states Graph can set, so rows are written right the first time.</summary>
    public sealed class TeamsTargetCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var values = PresenceVocabulary.SessionPairs.Select(p => p.ToString())
                .Concat(PresenceVocabulary.PreferredPairs.Select(p => "Preferred:" + p))
                .Concat(new[] { "Clear" });
            return values.Where(v => v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult("'" + v + "'", v, CompletionResultType.ParameterValue, v));
        }
    }
}
