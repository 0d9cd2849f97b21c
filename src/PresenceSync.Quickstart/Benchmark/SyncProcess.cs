using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// Start-PresenceSync in its own process (this program with --script), on the benchmark's store,
    /// so its CPU time and working set can be read from outside while the driver loads it.
    /// </summary>
    internal sealed class SyncProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _errors = new List<string>();

        private SyncProcess(Process process) => _process = process;

        public Process Process => _process;
        public bool Exited => _process.HasExited;
        public IReadOnlyList<string> Errors { get { lock (_errors) return _errors.ToArray(); } }

        public static SyncProcess Start(string store, IDictionary<string, string> environment)
        {
            var self = typeof(SyncProcess).Assembly.Location;
            var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "benchmark-sync.ps1");
            // A connection string (with its password) goes by the environment, not the command line.
            var postgres = BenchmarkStores.IsConnectionString(store);
            var start = new ProcessStartInfo("dotnet", $"\"{self}\" {(postgres ? "--store-from-environment" : $"--store \"{store}\"")} --script \"{script}\"")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            };
            if (postgres) start.Environment["PRESENCESYNC_STORE_CONNECTION"] = store;
            foreach (var (key, value) in environment) start.Environment[key] = value;
            var process = Process.Start(start) ?? throw new InvalidOperationException("The sync process did not start.");
            var sync = new SyncProcess(process);
            process.OutputDataReceived += (_, e) => sync.Line(e.Data);
            process.ErrorDataReceived += (_, e) => sync.Line(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return sync;
        }

        private void Line(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            lock (_errors) if (_errors.Count < 50) _errors.Add(text);
        }

        /// <summary>CPU time (user + system) the sync has used so far.</summary>
        public TimeSpan Cpu
        {
            get { _process.Refresh(); return _process.TotalProcessorTime; }
        }

        public double WorkingSetMb
        {
            get { _process.Refresh(); return _process.WorkingSet64 / 1048576.0; }
        }

        public double PeakWorkingSetMb
        {
            get { _process.Refresh(); return _process.PeakWorkingSet64 / 1048576.0; }
        }

        /// <summary>Waits for the process to end after Stop-PresenceSync; kills it after the timeout.</summary>
        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            var exited = _process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(timeout)) == exited) return true;
            _process.Kill(entireProcessTree: true);
            return false;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
