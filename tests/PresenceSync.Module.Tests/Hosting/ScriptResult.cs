using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PresenceSync.Module.Tests.Hosting
{
    public sealed class ScriptResult
    {
        public ScriptResult(List<PSObject> output, List<ErrorRecord> errors, List<string> warnings, List<string> verbose,
            List<ProgressRecord> progress, RuntimeException? terminating)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Progress = progress;
            Terminating = terminating;
        }

        public List<PSObject> Output { get; }
        public List<ErrorRecord> Errors { get; }
        public List<string> Warnings { get; }
        public List<string> Verbose { get; }
        public List<ProgressRecord> Progress { get; }
        public RuntimeException? Terminating { get; }

        /// <summary>The ErrorId part of each error's FullyQualifiedErrorId ("Id,Command").</summary>
        public List<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();

        public ScriptResult ThrowOnError(bool ignoreErrors = false)
        {
            if (Terminating != null) throw new InvalidOperationException("Script failed: " + Terminating.Message, Terminating);
            if (Errors.Count > 0 && !ignoreErrors) throw new InvalidOperationException("Script wrote errors: " + string.Join(" | ", Errors.Select(e => e.ToString())));
            return this;
        }

        public T Single<T>() => Output.Select(o => o.BaseObject).OfType<T>().Single();

        public object? Property(int index, string name) => Output[index].Properties[name]?.Value;
    }
}
