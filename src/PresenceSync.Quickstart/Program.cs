using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PresenceSync.Quickstart.Hosting;

namespace PresenceSync.Quickstart
{
    /// <summary>
    /// dotnet run --project src/PresenceSync.Quickstart [-- options]
    ///   (none)            the quickstart: Graph emulator, tenant setup, a one-minute sync, report
    ///   --duration S      how long the sync runs (default 60 seconds)
    ///   --users N         Teams users in the emulator (default 300)
    ///   --walkthrough     the offline walkthrough of mapping and rules instead
    ///   --benchmark       latency, CPU, memory, throughput and endpoint figures (Benchmark/BenchmarkRun.cs);
    ///                     --agents 1000,5000,20000 (default) or --quick (1,000 only); the old in-process
    ///                     cmdlet timings stay as --benchmark-cmdlets [--agents N]
    ///   --script FILE     any script, with the module imported
    ///   --store FILE      the store to use (default: a throw-away one)   --keep  keep the throw-away store
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Contains("--benchmark")) return Benchmark.BenchmarkEntry.Run(args);
            string? script = null, store = null;
            bool keep = false, fromEnvironment = false, walkthrough = false, benchmark = false;
            var agents = 1000;
            var duration = TimeSpan.FromSeconds(60);
            var users = 300;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--script": script = Path.GetFullPath(Next()); break;
                    case "--store": store = Path.GetFullPath(Next()); break;
                    // The benchmark's sync process on PostgreSQL: the store is $env:PRESENCESYNC_STORE_CONNECTION.
                    case "--store-from-environment": fromEnvironment = true; break;
                    case "--duration": duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--users": users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--walkthrough": walkthrough = true; break;
                    case "--benchmark-cmdlets": benchmark = true; break;
                    case "--agents": agents = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--keep": keep = true; break;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--duration S] [--users N] [--walkthrough] [--benchmark [--agents N]] [--script FILE] [--store FILE] [--keep]");
                        return 64;
                }
            }

            var manifest = ModuleLocator.FindManifest();
            if (manifest == null)
            {
                Console.Error.WriteLine("The module is not built: run 'dotnet build PresenceSync.sln' first.");
                return 3;
            }
            if (fromEnvironment && script != null) return ScriptRunner.Run(manifest, script, new Dictionary<string, object?>());
            var throwAway = store == null;
            store ??= Path.Combine(Path.GetTempPath(), "presencesync-quickstart-" + Guid.NewGuid().ToString("N"), "presencesync.db");
            Directory.CreateDirectory(Path.GetDirectoryName(store)!);
            try
            {
                if (benchmark) return QuickstartRun.BenchmarkAsync(manifest, store, Math.Max(users, 5000), agents).GetAwaiter().GetResult();
                if (script == null && !walkthrough) return QuickstartRun.RunAsync(manifest, store, duration, users).GetAwaiter().GetResult();
                script ??= Path.Combine(AppContext.BaseDirectory, "Scripts", "walkthrough.ps1");
                var variables = new Dictionary<string, object?> { ["PresenceSyncStorePath"] = store };
                return ScriptRunner.Run(manifest, script, variables);
            }
            finally
            {
                if (throwAway && !keep)
                {
                    try { Directory.Delete(Path.GetDirectoryName(store)!, recursive: true); } catch (IOException) { }
                }
            }
        }
    }
}
