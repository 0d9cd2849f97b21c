using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace PresenceSync.Module.Tests.Hosting
{
    /// <summary>Runs a script in a separate process through the quickstart host, as a second admin session would.</summary>
    public static class HostProcess
    {
        public static string HostDll
        {
            get
            {
                // The test and the host are built with the same configuration: .../bin/<Configuration>/net10.0/
                var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
                return Path.Combine(ModulePaths.RepoRoot, "src", "PresenceSync.Quickstart", "bin", configuration, "net10.0", "PresenceSync.Quickstart.dll");
            }
        }

        /// <summary>Runs the host with its own arguments (the quickstart), as the README's main-job command does.</summary>
        public static async Task<(int ExitCode, string Output)> RunHostAsync(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(HostDll);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }

        /// <summary>Starts the script in its own process; the caller waits for it or kills it.</summary>
        public static Process Start(string script, string storePath, string? clientSecret = null)
        {
            var file = Path.Combine(Path.GetDirectoryName(storePath)!, Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(file, script);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { HostDll, "--script", file, "--store", storePath }) start.ArgumentList.Add(arg);
            // A new process has no session secret: it reads the secret from the environment, as a scheduled task would.
            if (clientSecret != null) start.Environment["PRESENCESYNC_CLIENT_SECRET"] = clientSecret;
            return Process.Start(start)!;
        }

        /// <summary>Runs the script in its own process with these environment variables set (null: removed).</summary>
        public static async Task<(int ExitCode, string Output)> RunAsync(string script, string storePath, System.Collections.Generic.IDictionary<string, string?> environment)
        {
            var file = Path.Combine(Path.GetDirectoryName(storePath)!, Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(file, script);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { HostDll, "--script", file, "--store", storePath }) start.ArgumentList.Add(arg);
            foreach (var (name, value) in environment)
            {
                if (value == null) start.Environment.Remove(name);
                else start.Environment[name] = value;
            }
            return await WaitAsync(Process.Start(start)!);
        }

        /// <summary>Runs a bash script (for example one that starts a D-Bus session and a keyring first), bounded in time.</summary>
        public static async Task<(int ExitCode, string Output)> RunBashAsync(string script, System.Collections.Generic.IDictionary<string, string?> environment, TimeSpan timeout)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            foreach (var (name, value) in environment)
            {
                if (value == null) start.Environment.Remove(name);
                else start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new System.Threading.CancellationTokenSource(timeout);
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("bash script did not finish: " + await stdout + await stderr); }
            return (process.ExitCode, await stdout + await stderr);
        }

        private static async Task<(int ExitCode, string Output)> WaitAsync(Process started)
        {
            using var process = started;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }

        public static async Task<(int ExitCode, string Output)> RunAsync(string script, string storePath, string? clientSecret = null)
        {
            using var process = Start(script, storePath, clientSecret);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
