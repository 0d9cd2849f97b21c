using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using PresenceSync.Emulator;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>
    /// The Graph emulator in its own process (its built dll under dotnet), so that the memory and
    /// CPU the benchmark reports are the sync's alone. Its one JSON line gives every tenant's
    /// connection; closing its stdin ends it.
    /// </summary>
    internal sealed class EmulatorProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private EmulatorProcess(Process process, EmulatorConnection connection)
        {
            _process = process;
            Connection = connection;
        }

        public EmulatorConnection Connection { get; }
        public Process Process => _process;

        public static async Task<EmulatorProcess> StartAsync(string arguments)
        {
            var dll = typeof(GraphEmulator).Assembly.Location;
            var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0 --exit-on-stdin-close {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator did not start.");
            process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) Console.Error.WriteLine("emulator: " + e.Data); };
            process.BeginErrorReadLine();
            var line = process.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(line, Task.Delay(TimeSpan.FromSeconds(120))) != line || await line is not string text)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The emulator printed no connection line within 120 s.");
            }
            // Drain the rest of its output so it never blocks on a full pipe.
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() != null) { } });
            return new EmulatorProcess(process, EmulatorConnection.Parse(text));
        }

        public async ValueTask DisposeAsync()
        {
            try { _process.StandardInput.Close(); } catch (IOException) { }
            var exited = _process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(10_000)) != exited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
