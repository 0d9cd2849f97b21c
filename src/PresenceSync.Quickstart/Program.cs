using System;
using System.Collections.Generic;
using System.IO;
using PresenceSync.Quickstart.Hosting;

namespace PresenceSync.Quickstart
{
    /// <summary>
    /// dotnet run --project src/PresenceSync.Quickstart [-- --script FILE] [--store FILE] [--keep]
    /// Without --script it runs the walkthrough (Scripts/walkthrough.ps1) against a throw-away store.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string? script = null, store = null;
            var keep = false;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--script" when i + 1 < args.Length: script = Path.GetFullPath(args[++i]); break;
                    case "--store" when i + 1 < args.Length: store = Path.GetFullPath(args[++i]); break;
                    case "--keep": keep = true; break;
                    default:
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: [--script FILE] [--store FILE] [--keep]");
                        return 64;
                }
            }

            var manifest = ModuleLocator.FindManifest();
            if (manifest == null)
            {
                Console.Error.WriteLine("The module is not built: run 'dotnet build PresenceSync.sln' first.");
                return 3;
            }
            script ??= Path.Combine(AppContext.BaseDirectory, "Scripts", "walkthrough.ps1");
            var throwAway = store == null;
            store ??= Path.Combine(Path.GetTempPath(), "presencesync-quickstart-" + Guid.NewGuid().ToString("N"), "presencesync.db");
            Directory.CreateDirectory(Path.GetDirectoryName(store)!);

            var variables = new Dictionary<string, object?>
            {
                ["PresenceSyncStorePath"] = store,
                ["PresenceSyncExamples"] = Path.Combine(AppContext.BaseDirectory, "Scripts"),
            };
            var code = ScriptRunner.Run(manifest, script, variables);
            if (throwAway && !keep)
            {
                try { Directory.Delete(Path.GetDirectoryName(store)!, recursive: true); } catch (IOException) { }
            }
            return code;
        }
    }
}
