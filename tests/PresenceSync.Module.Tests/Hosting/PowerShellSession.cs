using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// A real PowerShell engine hosted in the test process, with the built module imported from
    /// out/PresenceSync the way an admin imports it, pointed at a throw-away store.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        // Secrets the module keeps at rest (keyring or owner-only files) go to a folder of the tests, not the user's profile.
        static PowerShellSession()
        {
            if (Environment.GetEnvironmentVariable("PRESENCESYNC_SECRET_PATH") == null)
                Environment.SetEnvironmentVariable("PRESENCESYNC_SECRET_PATH", SecretFolder);
        }

        public static string SecretFolder { get; } = Path.Combine(Path.GetTempPath(), "presencesync-tests", "secrets");

        public PowerShellSession(string? storePath = null)
        {
            StorePath = storePath ?? NewStorePath();
            var state = InitialSessionState.CreateDefault2();
            // The module's root is a script module (PresenceSync.psm1); execution policy exists only on Windows.
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            Run($"Import-Module '{ModulePaths.Manifest}' -ErrorAction Stop; Set-PresenceSyncStore -Path '{StorePath}'").ThrowOnError();
        }

        public string StorePath { get; }

        public static string NewStorePath()
        {
            var dir = Path.Combine(Path.GetTempPath(), "presencesync-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "store.db");
        }

        /// <summary>Runs a script; non-terminating errors are collected, terminating ones captured as well.</summary>
        public ScriptResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables != null)
            {
                foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            }
            ps.AddScript(script);
            Collection<PSObject> output;
            RuntimeException? terminating = null;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                output = new Collection<PSObject>();
                terminating = ex;
            }
            return new ScriptResult(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Progress.ToList(), terminating);
        }

        /// <summary>Starts a script without waiting for it, for tests that stop it as Ctrl+C would (PowerShell.Stop).</summary>
        public PowerShell Begin(string script, IDictionary<string, object?>? variables = null)
        {
            if (variables != null)
            {
                foreach (var (name, value) in variables) _runspace.SessionStateProxy.SetVariable(name, value);
            }
            var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            ps.BeginInvoke();
            return ps;
        }

        public void Dispose() => _runspace.Dispose();
    }
}
