using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PresenceSync.Quickstart.Hosting
{
    /// <summary>Runs one script with the module imported, printing everything as pwsh would.</summary>
    internal static class ScriptRunner
    {
        /// <returns>0 when the script ran without errors, 1 when it wrote errors, 2 when it stopped.</returns>
        public static int Run(string manifest, string scriptPath, IDictionary<string, object?> variables)
        {
            var host = new ConsoleHost();
            var state = InitialSessionState.CreateDefault2();
            // Execution policy exists only on Windows; elsewhere setting it throws.
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            foreach (var (name, value) in variables) state.Variables.Add(new SessionStateVariableEntry(name, value, string.Empty));
            using var runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript($"Import-Module '{manifest.Replace("'", "''")}' -ErrorAction Stop").AddStatement();
            if (variables.TryGetValue("PresenceSyncStorePath", out var store) && store is string path)
            {
                ps.AddScript($"Set-PresenceSyncStore -Path '{path.Replace("'", "''")}' -ErrorAction Stop").AddStatement();
            }
            ps.AddCommand(scriptPath);
            ps.Commands.Commands[ps.Commands.Commands.Count - 1].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            // Count the errors that reach the output (silenced ones do not), so the exit code says
            // whether the script ran clean, as pwsh -File would.
            ps.AddCommand("ForEach-Object").AddParameter("Process",
                ScriptBlock.Create("if ($_ -is [System.Management.Automation.ErrorRecord]) { $global:PresenceSyncHostErrors++ }; $_"));
            ps.AddCommand("Out-Default");
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                Console.Error.WriteLine($"{ex.ErrorRecord?.FullyQualifiedErrorId}: {ex.Message}");
                return 2;
            }
            if (host.ExitCode != 0) return host.ExitCode;
            var errors = runspace.SessionStateProxy.GetVariable("PresenceSyncHostErrors");
            return errors == null ? 0 : 1;
        }
    }
}
