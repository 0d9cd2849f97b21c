using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>
    /// Runs a script in real pwsh, the PowerShell 7.6 the repository pins as a local dotnet tool
    /// (.config/dotnet-tools.json), in a process of its own: what an admin's console does, with
    /// nothing of this test process (its hosted engine, its loaded assemblies) in it.
    /// </summary>
    public static class PwshProcess
    {
        private static readonly Lazy<Task> Restored = new Lazy<Task>(() => RunDotnetAsync(TimeSpan.FromMinutes(5), "tool", "restore"));

        public static async Task<(int ExitCode, string Output)> RunFileAsync(string scriptPath, IEnumerable<string> arguments,
            IDictionary<string, string> environment, TimeSpan timeout)
        {
            // Idempotent and quick once done: .ci/run restores the tool already, a bare 'dotnet test' may not have.
            await Restored.Value;
            var args = new List<string> { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", scriptPath };
            args.AddRange(arguments);
            return await RunDotnetAsync(timeout, environment, args.ToArray());
        }

        private static async Task RunDotnetAsync(TimeSpan timeout, params string[] args)
        {
            var (code, output) = await RunDotnetAsync(timeout, new Dictionary<string, string>(), args);
            if (code != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({code}): {output}");
        }

        private static async Task<(int ExitCode, string Output)> RunDotnetAsync(TimeSpan timeout, IDictionary<string, string> environment, string[] args)
        {
            // 'dotnet tool run' finds the tool manifest from the working directory: the repository root.
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = ModulePaths.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            // Plain text: errors land in test logs, not on a terminal.
            start.Environment["NO_COLOR"] = "1";
            foreach (var (name, value) in environment) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (-1, $"timed out after {timeout}: " + await stdout + await stderr);
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
