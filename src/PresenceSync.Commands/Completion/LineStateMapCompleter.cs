using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PresenceSync.Engine.Sip.Source;

namespace PresenceSync.Commands.Completion
{
    /// <summary>Offers a -StateMap hashtable with every line state and its default ACD state, to edit.</summary>
    public sealed class LineStateMapCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = string.Join("; ", Enum.GetNames(typeof(LineState)).Select(n => $"{n} = '{n}'"));
            var text = "@{ " + names + " }";
            yield return new CompletionResult(text, "@{ line state = ACD state }", CompletionResultType.ParameterValue, "Idle, Dialing, Ringing, OnCall and the ACD state each becomes");
        }
    }
}
