using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using PresenceSync.Commands.Hosting;
using PresenceSync.Engine;
using PresenceSync.Engine.Hosting;

namespace PresenceSync.Commands.Completion
{
    /// <summary>
    /// Completes names from the current runspace's store. Completion must never throw or prompt,
    /// so any failure (no store yet, unknown unit) simply completes nothing.
    /// </summary>
    public abstract class StoreCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            IEnumerable<string> names;
            try
            {
                var (store, _) = ModuleSession.Current.ResolveStore();
                var context = new EngineContext(store, SilentHost.Instance);
                var unit = fakeBoundParameters?["BusinessUnit"] as string;
                names = Names(context, unit).ToList();
            }
            catch (Exception)
            {
                yield break;
            }
            foreach (var name in names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(200))
            {
                var text = name.IndexOfAny(new[] { ' ', '\'', '$', ';', ',', '(', ')' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
            }
        }

        protected abstract IEnumerable<string> Names(EngineContext context, string? businessUnit);

        /// <summary>A host that swallows everything: completers have nowhere to write.</summary>
        private sealed class SilentHost : IHostContext
        {
            public static readonly SilentHost Instance = new SilentHost();
            public System.Threading.CancellationToken Cancellation => System.Threading.CancellationToken.None;
            public bool ShouldProcess(string target, string action) => false;
            public void WriteObject(object item) { }
            public void WriteError(EngineError error) { }
            public void WriteWarning(string message) { }
            public void WriteVerbose(string message) { }
            public void WriteProgress(ProgressInfo progress) { }
        }
    }
}
