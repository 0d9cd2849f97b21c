using System;
using System.Linq;
using System.Management.Automation.Host;

namespace PresenceSync.Commands.Hosting
{
    /// <summary>
    /// The exit-code contract of unattended runs (pwsh -File, -Command, -NonInteractive: scheduled
    /// tasks, systemd timers, CI). A cmdlet's terminating error only ends its statement, so the
    /// script would go on and pwsh would exit 0; Start-PresenceSync therefore sets the process's
    /// exit code through the host: 1 when it could not do its job at all, 2 when it wrote errors,
    /// 3 when it wrote warnings and -FailOn Warning asked for that. A script that ends with its own
    /// `exit N` decides itself. An interactive console is never touched (SetShouldExit would close it).
    /// </summary>
    internal static class UnattendedExit
    {
        public const int Failed = 1;
        public const int Errors = 2;
        public const int Warnings = 3;

        public static int CodeFor(string failOn, bool fatal, HostTally tally)
        {
            if (string.Equals(failOn, "None", StringComparison.OrdinalIgnoreCase)) return 0;
            if (fatal) return Failed;
            if (tally.Errors > 0) return Errors;
            if (tally.Warnings > 0 && string.Equals(failOn, "Warning", StringComparison.OrdinalIgnoreCase)) return Warnings;
            return 0;
        }

        public static void Apply(PSHost host, int code)
        {
            if (code != 0 && IsUnattendedConsole(host)) host.SetShouldExit(code);
        }

        /// <summary>
        /// The console host of a process started to run a script or command and then exit. Only the
        /// console host's own command line tells: other hosts (Azure Automation, a hosted engine)
        /// report failures their own way.
        /// </summary>
        private static bool IsUnattendedConsole(PSHost host)
        {
            if (!string.Equals(host.Name, "ConsoleHost", StringComparison.Ordinal)) return false;
            var args = Environment.GetCommandLineArgs().Skip(1).Select(Switch).ToList();
            if (args.Any(a => a != null && a.Length >= 3 && "noexit".StartsWith(a, StringComparison.OrdinalIgnoreCase))) return false;
            return args.Any(a => a != null && (Is(a, "file", 1) || Is(a, "command", 1) || Is(a, "encodedcommand", 1) || Is(a, "noninteractive", 4)))
                || Environment.GetCommandLineArgs().Skip(1).Any(a => a.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase));
        }

        // pwsh takes -Name, --Name and /Name, abbreviated to any unambiguous prefix.
        private static string? Switch(string arg) =>
            arg.StartsWith("--", StringComparison.Ordinal) ? arg.Substring(2)
            : arg.StartsWith("-", StringComparison.Ordinal) || arg.StartsWith("/", StringComparison.Ordinal) ? arg.Substring(1)
            : null;

        private static bool Is(string given, string name, int shortest) =>
            given.Length >= shortest && name.StartsWith(given, StringComparison.OrdinalIgnoreCase);
    }
}
