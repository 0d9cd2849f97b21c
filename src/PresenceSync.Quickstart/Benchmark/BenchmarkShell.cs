using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>The driver's own PowerShell (module imported, one store): setup, -Once passes, Stop-PresenceSync.</summary>
    internal sealed class BenchmarkShell : IDisposable
    {
        private readonly Runspace _runspace;

        public BenchmarkShell(string manifest, string store)
        {
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            var select = BenchmarkStores.IsConnectionString(store) ? "-ConnectionString" : "-Path";
            Run($"Import-Module '{manifest.Replace("'", "''")}' -ErrorAction Stop; Set-PresenceSyncStore {select} '{store.Replace("'", "''")}' | Out-Null");
        }

        /// <summary>Runs the script; any error it writes ends the benchmark with that error.</summary>
        public Collection<PSObject> Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            foreach (var (name, value) in variables ?? new Dictionary<string, object?>()) _runspace.SessionStateProxy.SetVariable(name, value);
            ps.AddScript(script);
            var output = ps.Invoke();
            if (ps.HadErrors && ps.Streams.Error.Count > 0)
                throw new InvalidOperationException("Benchmark setup failed: " + string.Join(" | ", ps.Streams.Error.Take(3).Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
            return output;
        }

        public void Dispose() => _runspace.Dispose();
    }
}
