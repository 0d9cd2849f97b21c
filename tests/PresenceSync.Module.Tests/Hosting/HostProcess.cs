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
