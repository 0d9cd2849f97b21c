using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace PresenceSync.Quickstart.Hosting
{
    internal sealed class ConsoleHostUI : PSHostUserInterface
    {
        private readonly ConsoleRawUI _raw = new ConsoleRawUI();

        public override PSHostRawUserInterface RawUI => _raw;

        // Table headers carry colour codes; they are noise in a log or a CI transcript.
        private static readonly Regex Ansi = new Regex("\u001b\\[[0-9;]*m", RegexOptions.Compiled);
        private static readonly bool Plain = Console.IsOutputRedirected;

        public override void Write(string value) => Console.Write(Clean(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(Clean(value));
        public override void WriteLine(string value) => Console.WriteLine(Clean(value));

        private static string Clean(string value) => Plain ? Ansi.Replace(value, string.Empty) : value;
        public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
        public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);

        // Progress would interleave with the walkthrough's output in a log; it is dropped here.
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        public override string ReadLine() => Console.ReadLine() ?? string.Empty;
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host does not read secrets.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("This host does not prompt; pass every parameter.");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new NotSupportedException("This host does not prompt; pass -Confirm:$false.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("This host does not prompt for credentials.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("This host does not prompt for credentials.");
    }
}
