using System;
using System.IO;
using PresenceSync.Quickstart.Hosting;

namespace PresenceSync.Quickstart.Benchmark
{
    /// <summary>--benchmark [--agents 1000,5000,20000] [--quick] ...: options, the built module, a throw-away store folder.</summary>
    internal static class BenchmarkEntry
    {
        public static int Run(string[] args)
        {
            BenchmarkOptions options;
            try { options = BenchmarkOptions.Parse(args); }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                Console.Error.WriteLine(e.Message + " Usage: --benchmark [--agents N[,N...]] [--quick] [--idle-seconds S] [--load-seconds S] [--throughput-budget N] [--throughput-seconds S] [--no-throughput] [--no-routing] [--routing-agents N] [--store sqlite|postgres|both] [--pg-connection CS]");
                return 64;
            }
            var manifest = ModuleLocator.FindManifest();
            if (manifest == null)
            {
                Console.Error.WriteLine("The module is not built: run 'dotnet build PresenceSync.sln' first.");
                return 3;
            }
            var dir = Path.Combine(Path.GetTempPath(), "presencesync-benchmark-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                return BenchmarkRun.RunAsync(manifest, options, dir).GetAwaiter().GetResult();
            }
            finally
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            }
        }
    }
}
