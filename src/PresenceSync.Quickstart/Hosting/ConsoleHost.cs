using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace PresenceSync.Quickstart.Hosting
{
    /// <summary>
    /// The smallest PSHost that lets Out-Default, -WhatIf, warnings and verbose output reach the
    /// console. Nothing here prompts: a script that needs confirmation must pass -Confirm:$false.
    /// </summary>
    internal sealed class ConsoleHost : PSHost
    {
        private readonly ConsoleHostUI _ui = new ConsoleHostUI();

        public int ExitCode { get; private set; }
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "PresenceSync.Quickstart";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    }
}
